<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AutoSaver</name>
    <message>
        <source>Autosave off</source>
        <translation>Autoguardado desactivado</translation>
    </message>
    <message>
        <source>Autosave off: {0}</source>
        <translation>Autoguardado desactivado: {0}</translation>
    </message>
    <message>
        <source>Autosave failed: {0}</source>
        <translation>Falló el autoguardado: {0}</translation>
    </message>
    <message>
        <source>Recovered the autosaved model</source>
        <translation>Se recuperó el modelo autoguardado</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>Recuperar el trabajo sin guardar</translation>
    </message>
    <message>
        <source>ae-desktop did not exit cleanly, but the work it autosaved at {0} could not be read: {1}</source>
        <translation>ae-desktop no se cerró correctamente, pero el trabajo autoguardado el {0} no se pudo leer: {1}</translation>
    </message>
    <message>
        <source>Keep for later</source>
        <translation>Conservar para después</translation>
    </message>
    <message>
        <source>ae-desktop did not exit cleanly. Recover unsaved glyph edits autosaved at {0}?</source>
        <translation>ae-desktop no se cerró correctamente. ¿Recuperar los cambios de glifos sin guardar, autoguardados el {0}?</translation>
    </message>
    <message>
        <source>ae-desktop did not exit cleanly. Recover the last model autosaved at {0}?</source>
        <translation>ae-desktop no se cerró correctamente. ¿Recuperar el último modelo, autoguardado el {0}?</translation>
    </message>
    <message>
        <source>ae-desktop did not exit cleanly. Recover unsaved glyph edits and the last model autosaved at {0}?</source>
        <translation>ae-desktop no se cerró correctamente. ¿Recuperar los cambios de glifos sin guardar y el último modelo, autoguardados el {0}?</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Recuperar</translation>
    </message>
</context>
<context>
    <name>CirclesDialog</name>
    <message>
        <source>New circles set</source>
        <translation>Nuevo conjunto de círculos</translation>
    </message>
    <message>
        <source>Circles</source>
        <translation>Círculos</translation>
    </message>
    <message>
        <source>Smallest radius</source>
        <translation>Radio mínimo</translation>
    </message>
    <message>
        <source>Largest radius</source>
        <translation>Radio máximo</translation>
    </message>
    <message>
        <source>Points per circle</source>
        <translation>Puntos por círculo</translation>
    </message>
    <message>
        <source>New &amp;circles set…</source>
        <translation>Nuevo conjunto de &amp;círculos…</translation>
    </message>
</context>
<context>
    <name>CurveEditor</name>
    <message>
        <source>Drag a point · Page Up/Down: select a point · Arrows: move it</source>
        <translation>Arrastrá un punto · Re Pág/Av Pág: elegir un punto · Flechas: moverlo</translation>
    </message>
    <message>
        <source>Add noise (σ = {0})</source>
        <translation>Agregar ruido (σ = {0})</translation>
    </message>
    <message>
        <source>Move point</source>
        <translation>Mover punto</translation>
    </message>
    <message>
        <source>input</source>
        <translation>entrada</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>limpia</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>reconstrucción</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
</context>
<context>
    <name>EditableGlyph</name>
    <message>
        <source>show another glyph</source>
        <translation>mostrar otro glifo</translation>
    </message>
</context>
<context>
    <name>EditorPanel</name>
    <message>
        <source>Reconstruction</source>
        <translation>Reconstrucción</translation>
    </message>
    <message>
        <source>Denoised</source>
        <translation>Sin ruido</translation>
    </message>
    <message>
        <source>Nearest</source>
        <translation>Más cercano</translation>
    </message>
    <message>
        <source>Wrong pixels</source>
        <translation>Errores</translation>
    </message>
    <message>
        <source>Train or open a model to see its reconstruction.</source>
        <translation>Entrená o abrí un modelo para ver su reconstrucción.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Undo {0}</source>
        <translation>Deshacer «{0}»</translation>
    </message>
    <message>
        <source>Redo {0}</source>
        <translation>Rehacer «{0}»</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpiar</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>Invertir</translation>
    </message>
    <message>
        <source>Shift left</source>
        <translation>Correr a la izquierda</translation>
    </message>
    <message>
        <source>Shift right</source>
        <translation>Correr a la derecha</translation>
    </message>
    <message>
        <source>Shift up</source>
        <translation>Correr hacia arriba</translation>
    </message>
    <message>
        <source>Shift down</source>
        <translation>Correr hacia abajo</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>píxeles</translation>
    </message>
    <message>
        <source>% of pixels</source>
        <translation>% de los píxeles</translation>
    </message>
    <message>
        <source>Standard deviation per coordinate, in plane units (the plane spans -1 to 1)</source>
        <translation>Desvío estándar por coordenada, en unidades del plano (el plano va de -1 a 1)</translation>
    </message>
    <message>
        <source>Add noise</source>
        <translation>Agregar ruido</translation>
    </message>
    <message>
        <source>Flip randomly chosen pixels</source>
        <translation>Invertir píxeles elegidos al azar</translation>
    </message>
    <message>
        <source>Add to set</source>
        <translation>Agregar al conjunto</translation>
    </message>
    <message>
        <source>Append the drawing to the glyph set</source>
        <translation>Agregar el dibujo al conjunto de glifos como glifo nuevo</translation>
    </message>
    <message>
        <source>Replace selected</source>
        <translation>Reemplazar el elegido</translation>
    </message>
    <message>
        <source>Store the drawing in the selected glyph</source>
        <translation>Guardar el dibujo en el glifo elegido</translation>
    </message>
    <message>
        <source>Move every point by Gaussian noise</source>
        <translation>Mover cada punto según un ruido gaussiano</translation>
    </message>
    <message numerus="yes">
        <source>The model expects %Ln values; this glyph has {0}.</source>
        <translation>
            <numerusform>El modelo espera %Ln valor; este glifo tiene {0}.</numerusform>
            <numerusform>El modelo espera %Ln valores; este glifo tiene {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The model expects %Ln pixels; this glyph has {0}.</source>
        <translation>
            <numerusform>El modelo espera %Ln píxel; este glifo tiene {0}.</numerusform>
            <numerusform>El modelo espera %Ln píxeles; este glifo tiene {0}.</numerusform>
        </translation>
    </message>
    <message>
        <source>max error {0} vs clean</source>
        <translation>error máx. {0} vs. limpio</translation>
    </message>
    <message>
        <source>max error {0}</source>
        <translation>error máx. {0}</translation>
    </message>
    <message>
        <source>grey levels</source>
        <translation>niveles de gris</translation>
    </message>
    <message>
        <source>output ≥ 0.5</source>
        <translation>salida ≥ 0,5</translation>
    </message>
    <message>
        <source>{0} px vs clean</source>
        <translation>{0} px vs. limpio</translation>
    </message>
    <message>
        <source>{0} px</source>
        <translation>{0} px</translation>
    </message>
    <message numerus="yes">
        <source>, the first of %n equally near</source>
        <translation>
            <numerusform>, el primero de %n igual de cercano</numerusform>
            <numerusform>, el primero de %n igual de cercanos</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}: agrees</source>
        <translation>{0}: coincide</translation>
    </message>
    <message>
        <source>The set&apos;s glyph nearest to the drawing ({0}{1}), the best any denoiser can answer: it agrees with Denoised</source>
        <translation>El glifo del conjunto más cercano al dibujo ({0}{1}), lo mejor que puede responder cualquier modelo que quite ruido: coincide con la vista Sin ruido</translation>
    </message>
    <message>
        <source>{0}: {1} px off</source>
        <translation>{0}: {1} px de diferencia</translation>
    </message>
    <message>
        <source>The set&apos;s glyph nearest to the drawing ({0}{1}), the best any denoiser can answer: {2} px from Denoised</source>
        <translation>El glifo del conjunto más cercano al dibujo ({0}{1}), lo mejor que puede responder cualquier modelo que quite ruido: a {2} px de la vista Sin ruido</translation>
    </message>
</context>
<context>
    <name>ExperimentChart</name>
    <message>
        <source>Run a sweep or a study to see its chart here.</source>
        <translation>Corré un barrido o estudio para ver el gráfico.</translation>
    </message>
    <message>
        <source>No run finished.</source>
        <translation>Ninguna corrida terminó.</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>época</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>pérdida</translation>
    </message>
</context>
<context>
    <name>ExperimentResults</name>
    <message>
        <source>Chart</source>
        <translation>Gráfico</translation>
    </message>
    <message>
        <source>Loss curves</source>
        <translation>Curvas de pérdida</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>The metric the chart shows</source>
        <translation>La métrica que muestra el gráfico</translation>
    </message>
    <message>
        <source>Bars over the repeats: smallest to largest, or mean ± std</source>
        <translation>Barras sobre las repeticiones: del menor al mayor, o media ± desvío estándar</translation>
    </message>
    <message>
        <source>Table as CSV…</source>
        <translation>Tabla como CSV…</translation>
    </message>
    <message>
        <source>Chart as PNG or SVG…</source>
        <translation>Gráfico como PNG o SVG…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>No se pudo exportar</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Exportar resultados</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>Tabla CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Exportar gráfico</translation>
    </message>
</context>
<context>
    <name>ExperimentSetup</name>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Runs per point, with seeds seed, seed+1, …</source>
        <translation>Corridas por punto, con semillas semilla, semilla+1, …</translation>
    </message>
    <message>
        <source>Training processes in parallel (one per core is fastest)</source>
        <translation>Procesos de entrenamiento en paralelo (uno por núcleo es lo más rápido)</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>este equipo</translation>
    </message>
    <message>
        <source>a Dask scheduler</source>
        <translation>un scheduler de Dask</translation>
    </message>
    <message>
        <source>Where the runs train: worker processes here, or the workers of a Dask scheduler (needs the &apos;cluster&apos; extra; see docs/CLUSTER.md)</source>
        <translation>Dónde se entrenan las corridas: procesos en esta computadora, o los workers de un scheduler de Dask (requiere el extra &apos;cluster&apos;; ver docs/CLUSTER.md)</translation>
    </message>
    <message>
        <source>The Dask scheduler&apos;s address</source>
        <translation>La dirección del scheduler de Dask</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>Variar</translation>
    </message>
    <message>
        <source>and</source>
        <translation>y</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Repetir</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Procesos</translation>
    </message>
    <message>
        <source>Run on</source>
        <translation>Correr en</translation>
    </message>
    <message>
        <source>type the Dask scheduler&apos;s address, e.g. tcp://HOST:8786</source>
        <translation>escribí la dirección del scheduler de Dask, p. ej. tcp://HOST:8786</translation>
    </message>
    <message>
        <source>e.g. {0}</source>
        <translation>p. ej. {0}</translation>
    </message>
</context>
<context>
    <name>ExperimentsPanel</name>
    <message>
        <source>Run sweep</source>
        <translation>Correr barrido</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Denoising</source>
        <translation>Eliminación de ruido</translation>
    </message>
    <message>
        <source>Wrong pixels vs noise level (0-50 %): denoising model, plain autoencoder and the nearest clean glyph, trained from these settings</source>
        <translation>Píxeles erróneos según el nivel de ruido (0-50 %): denoising autoencoder, autoencoder simple y el glifo limpio más cercano, entrenados con esta configuración</translation>
    </message>
    <message>
        <source>Generalization</source>
        <translation>Generalización</translation>
    </message>
    <message>
        <source>Train on random subsets of 1/8, 1/4, 1/2 and all of the glyphs and measure the held-out ones</source>
        <translation>Entrenar con subconjuntos al azar de 1/8, 1/4, 1/2 y todos los glifos, y medir los que quedaron afuera</translation>
    </message>
    <message>
        <source>%v/%m runs</source>
        <translation>%v/%m corridas</translation>
    </message>
    <message>
        <source>Studies</source>
        <translation>Estudios</translation>
    </message>
    <message>
        <source>the glyph set is empty: add glyphs to train on</source>
        <translation>el conjunto de glifos está vacío: agregá glifos para entrenar</translation>
    </message>
    <message>
        <source>dae (noise {0})</source>
        <translation>dae (ruido {0})</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>vae (β {0})</source>
        <translation>vae (β {0})</translation>
    </message>
    <message numerus="yes">
        <source>From the training settings: {0} {1}, {2}, {3} lr {4}, {5} epochs, %n glyphs</source>
        <translation>
            <numerusform>Según la configuración de entrenamiento: {0} {1}, {2}, {3} tasa de aprendizaje {4}, {5} épocas, %n glifo</numerusform>
            <numerusform>Según la configuración de entrenamiento: {0} {1}, {2}, {3} tasa de aprendizaje {4}, {5} épocas, %n glifos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Run sweep (%n runs)</source>
        <translation>
            <numerusform>Correr barrido (%n corrida)</numerusform>
            <numerusform>Correr barrido (%n corridas)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweep of {0}, %n seeds</source>
        <translation>
            <numerusform>Barrido de {0}, %n semilla</numerusform>
            <numerusform>Barrido de {0}, %n semillas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Denoising vs salt &amp; pepper noise, %n seeds, {0} draws</source>
        <translation>
            <numerusform>Eliminación de ruido según el ruido sal y pimienta, %n semilla, {0} muestras</numerusform>
            <numerusform>Eliminación de ruido según el ruido sal y pimienta, %n semillas, {0} muestras</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Held-out glyphs vs training-set size, %n seeds</source>
        <translation>
            <numerusform>Glifos de prueba según el tamaño del conjunto de entrenamiento, %n semilla</numerusform>
            <numerusform>Glifos de prueba según el tamaño del conjunto de entrenamiento, %n semillas</numerusform>
        </translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Starting on {0}…</source>
        <translation>Iniciando en {0}…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message numerus="yes">
        <source>Measuring %n noise levels…</source>
        <translation>
            <numerusform>Midiendo %n nivel de ruido…</numerusform>
            <numerusform>Midiendo %n niveles de ruido…</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}/{1} runs finished…</source>
        <translation>{0}/{1} corridas terminadas…</translation>
    </message>
    <message>
        <source>Cancelled: {0} of {1} runs finished.</source>
        <translation>Cancelado: terminaron {0} de {1} corridas.</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n runs in {0} s.</source>
        <translation>
            <numerusform>Listo: %n corrida en {0} s.</numerusform>
            <numerusform>Listo: %n corridas en {0} s.</numerusform>
        </translation>
    </message>
    <message>
        <source>The experiment failed: {0}</source>
        <translation>El experimento falló: {0}</translation>
    </message>
</context>
<context>
    <name>ExportFontDialog</name>
    <message>
        <source>TrueType font</source>
        <translation>Fuente TrueType</translation>
    </message>
    <message>
        <source>OpenType font</source>
        <translation>Fuente OpenType</translation>
    </message>
    <message>
        <source>BDF bitmap font</source>
        <translation>Fuente de mapa de bits BDF</translation>
    </message>
    <message>
        <source>Export font</source>
        <translation>Exportar fuente</translation>
    </message>
    <message>
        <source>The glyph set as drawn</source>
        <translation>El conjunto de glifos tal como está dibujado</translation>
    </message>
    <message>
        <source>The model&apos;s reconstructions</source>
        <translation>Las reconstrucciones del modelo</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Nombre de familia</translation>
    </message>
    <message>
        <source>Sample text</source>
        <translation>Texto de muestra</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Cannot export: {0}</source>
        <translation>No se puede exportar: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n characters in a {0} × {1} grid.</source>
        <translation>
            <numerusform>%n carácter en una grilla de {0} × {1}.</numerusform>
            <numerusform>%n caracteres en una grilla de {0} × {1}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Grey pixels are thresholded at {0}: lighter ones are left blank.</source>
        <translation>Los píxeles grises se umbralizan en {0}: los más claros quedan en blanco.</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> y %n más</numerusform>
            <numerusform> y %n más</numerusform>
        </translation>
    </message>
    <message>
        <source>Skipped (not one character, or repeated): {0}.</source>
        <translation>Omitidos (no son un solo carácter, o están repetidos): {0}.</translation>
    </message>
    <message>
        <source>Cannot export font</source>
        <translation>No se puede exportar la fuente</translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message>
        <source>Glyph sets (*.json);;All files (*)</source>
        <translation>Conjuntos de glifos (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Models (*.npz);;All files (*)</source>
        <translation>Modelos (*.npz);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>Imagen PNG (*.png);;Dibujo SVG (*.svg)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <source>&amp;New glyph set…</source>
        <translation>&amp;Nuevo conjunto de glifos…</translation>
    </message>
    <message>
        <source>&amp;Open glyph set…</source>
        <translation>&amp;Abrir conjunto de glifos…</translation>
    </message>
    <message>
        <source>&amp;Save glyph set</source>
        <translation>&amp;Guardar conjunto de glifos</translation>
    </message>
    <message>
        <source>Save glyph set &amp;as…</source>
        <translation>Guardar conjunto de glifos &amp;como…</translation>
    </message>
    <message>
        <source>&amp;Import images…</source>
        <translation>&amp;Importar imágenes…</translation>
    </message>
    <message>
        <source>Import MNIST / &amp;IDX…</source>
        <translation>Importar MNIST / &amp;IDX…</translation>
    </message>
    <message>
        <source>Open &amp;model…</source>
        <translation>Abrir &amp;modelo…</translation>
    </message>
    <message>
        <source>Save mo&amp;del…</source>
        <translation>Guardar mo&amp;delo…</translation>
    </message>
    <message>
        <source>Glyph grid as PNG…</source>
        <translation>Grilla de glifos como PNG…</translation>
    </message>
    <message>
        <source>Export &amp;font…</source>
        <translation>Exportar &amp;fuente…</translation>
    </message>
    <message>
        <source>The glyphs (or the model&apos;s reconstructions) as a TrueType, OpenType or BDF font</source>
        <translation>Los glifos (o las reconstrucciones del modelo) como fuente TrueType, OpenType o BDF</translation>
    </message>
    <message>
        <source>Latent plane as PNG or SVG…</source>
        <translation>Espacio latente como PNG o SVG…</translation>
    </message>
    <message>
        <source>Loss curve as PNG or SVG…</source>
        <translation>Curva de pérdida como PNG o SVG…</translation>
    </message>
    <message>
        <source>Reopen last files at &amp;launch</source>
        <translation>Reabrir los últimos archivos al &amp;iniciar</translation>
    </message>
    <message>
        <source>Open the last glyph set and model again when ae-desktop starts</source>
        <translation>Abrir de nuevo el último conjunto de glifos y el último modelo al iniciar ae-desktop</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>Open bundled &amp;font</source>
        <translation>Abrir &amp;fuente incluida</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>Unsaved model</source>
        <translation>Modelo sin guardar</translation>
    </message>
    <message>
        <source>Save the trained model ({0})?</source>
        <translation>¿Guardar el modelo entrenado ({0})?</translation>
    </message>
    <message>
        <source>Unsaved glyphs</source>
        <translation>Glifos sin guardar</translation>
    </message>
    <message>
        <source>Save the changes to {0}?</source>
        <translation>¿Guardar los cambios de {0}?</translation>
    </message>
    <message>
        <source>Open glyph set</source>
        <translation>Abrir conjunto de glifos</translation>
    </message>
    <message>
        <source>Cannot open glyph set</source>
        <translation>No se puede abrir el conjunto de glifos</translation>
    </message>
    <message>
        <source>Save glyph set</source>
        <translation>Guardar conjunto de glifos</translation>
    </message>
    <message>
        <source>Cannot save glyph set</source>
        <translation>No se puede guardar el conjunto de glifos</translation>
    </message>
    <message>
        <source>The set has no glyphs; add at least one before saving it.</source>
        <translation>El conjunto no tiene glifos; agregá al menos uno antes de guardarlo.</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>Se guardó {0}</translation>
    </message>
    <message>
        <source>{0} (model)</source>
        <translation>{0} (modelo)</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>Abrir modelo</translation>
    </message>
    <message>
        <source>Cannot open model</source>
        <translation>No se puede abrir el modelo</translation>
    </message>
    <message>
        <source>{0} reads glyphs of {1} values; those of the current set have {2}. Open or create a glyph set of that size first.</source>
        <translation>{0} lee glifos de {1} valores; los del conjunto actual tienen {2}. Abrí o creá primero un conjunto de glifos de ese tamaño.</translation>
    </message>
    <message>
        <source>Opened model {0}</source>
        <translation>Se abrió el modelo {0}</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>No hay modelo</translation>
    </message>
    <message>
        <source>Train or open a model first.</source>
        <translation>Primero entrená o abrí un modelo.</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>Guardar modelo</translation>
    </message>
    <message>
        <source>Cannot save model</source>
        <translation>No se puede guardar el modelo</translation>
    </message>
    <message>
        <source>Saved model {0}</source>
        <translation>Se guardó el modelo {0}</translation>
    </message>
    <message>
        <source>Export glyph grid</source>
        <translation>Exportar grilla de glifos</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>No se pudo exportar</translation>
    </message>
    <message>
        <source>Cannot write {0}: {1}</source>
        <translation>No se puede escribir {0}: {1}</translation>
    </message>
    <message>
        <source>Cannot export font</source>
        <translation>No se puede exportar la fuente</translation>
    </message>
    <message>
        <source>Exported font {0}</source>
        <translation>Se exportó la fuente {0}</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>Exportar gráfico</translation>
    </message>
</context>
<context>
    <name>GlyphGrid</name>
    <message>
        <source>Undo glyph edit</source>
        <translation>Deshacer edición de glifos</translation>
    </message>
    <message>
        <source>Redo glyph edit</source>
        <translation>Rehacer edición de glifos</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Agregar</translation>
    </message>
    <message>
        <source>Add a blank glyph</source>
        <translation>Agregar un glifo en blanco</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Delete the selected glyph</source>
        <translation>Borrar el glifo elegido</translation>
    </message>
    <message>
        <source>Relabel…</source>
        <translation>Renombrar…</translation>
    </message>
    <message>
        <source>Rename the selected glyph</source>
        <translation>Cambiar la etiqueta del glifo elegido</translation>
    </message>
    <message>
        <source>Shade by margin</source>
        <translation>Sombrear por margen</translation>
    </message>
    <message>
        <source>Shade the model&apos;s output pixels within the target margin of 0.5: the closer, the stronger</source>
        <translation>Sombrear los píxeles de salida del modelo que están dentro del margen objetivo alrededor de 0,5: cuanto más cerca, más fuerte</translation>
    </message>
    <message>
        <source>Each glyph, then the model&apos;s output and its wrong pixels; shaded glyphs are held out of training.</source>
        <translation>Cada glifo, después la salida del modelo y sus píxeles erróneos; los glifos sombreados quedan afuera del entrenamiento.</translation>
    </message>
    <message>
        <source>Relabel glyph</source>
        <translation>Renombrar glifo</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Etiqueta:</translation>
    </message>
    <message>
        <source>Add blank glyph</source>
        <translation>Agregar glifo en blanco</translation>
    </message>
</context>
<context>
    <name>GlyphImporter</name>
    <message>
        <source>IDX images (*-images-idx3-ubyte *-images-idx3-ubyte.gz *.idx3-ubyte);;All files (*)</source>
        <translation>Imágenes IDX (*-images-idx3-ubyte *-images-idx3-ubyte.gz *.idx3-ubyte);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>IDX labels (*-labels-idx1-ubyte *-labels-idx1-ubyte.gz);;All files (*)</source>
        <translation>Etiquetas IDX (*-labels-idx1-ubyte *-labels-idx1-ubyte.gz);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Import a folder of images</source>
        <translation>Importar una carpeta de imágenes</translation>
    </message>
    <message>
        <source>Import MNIST / IDX images</source>
        <translation>Importar imágenes MNIST / IDX</translation>
    </message>
    <message>
        <source>Labels for these images (Cancel: number them)</source>
        <translation>Etiquetas para estas imágenes (Cancelar: numerarlas)</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>Importando {0}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Importing {0}: {1} of {2}</source>
        <translation>Importando {0}: {1} de {2}</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln glyphs of {0}x{1} from {2}</source>
        <translation>
            <numerusform>Se importó %Ln glifo de {0}x{1} desde {2}</numerusform>
            <numerusform>Se importaron %Ln glifos de {0}x{1} desde {2}</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>No se puede importar</translation>
    </message>
    <message>
        <source>Import cancelled; the glyph set is unchanged</source>
        <translation>Importación cancelada; el conjunto de glifos no cambió</translation>
    </message>
</context>
<context>
    <name>GlyphListModel</name>
    <message>
        <source>{0} (held out of training)</source>
        <translation>{0} (afuera del entrenamiento)</translation>
    </message>
</context>
<context>
    <name>GlyphSetEdits</name>
    <message>
        <source>add glyph {0}</source>
        <translation>(agregar el glifo {0})</translation>
    </message>
    <message>
        <source>delete glyph {0}</source>
        <translation>(borrar el glifo {0})</translation>
    </message>
    <message>
        <source>relabel {0} as {1}</source>
        <translation>(renombrar {0} como {1})</translation>
    </message>
    <message>
        <source>redraw glyph {0}</source>
        <translation>(redibujar el glifo {0})</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>ae-desktop guide</source>
        <translation>Guía de ae-desktop</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>not installed</source>
        <translation>no instalado</translation>
    </message>
    <message>
        <source>&lt;p&gt;Learn how autoencoders work by touching them.&lt;/p&gt;&lt;p&gt;Licence: {0}.&lt;/p&gt;&lt;p&gt;Built with:&lt;/p&gt;</source>
        <translation>&lt;p&gt;Aprendé cómo funcionan los autoencoders tocándolos.&lt;/p&gt;&lt;p&gt;Licencia: {0}.&lt;/p&gt;&lt;p&gt;Hecho con:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>Primeros pasos</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>&amp;Primeros pasos</translation>
    </message>
    <message>
        <source>ae-desktop &amp;guide</source>
        <translation>&amp;Guía de ae-desktop</translation>
    </message>
    <message>
        <source>&amp;About ae-desktop</source>
        <translation>&amp;Acerca de ae-desktop</translation>
    </message>
    <message>
        <source>About ae-desktop</source>
        <translation>Acerca de ae-desktop</translation>
    </message>
</context>
<context>
    <name>InterpolationPanel</name>
    <message>
        <source> steps, both ends</source>
        <translation> pasos, con extremos</translation>
    </message>
    <message>
        <source>Glyphs in the strip, both ends included (as ae-desktop interpolate --steps); click one to decode it in the preview</source>
        <translation>Glifos de la tira, con ambos extremos (como ae-desktop interpolate --steps); hacé clic en uno para decodificarlo en la vista previa</translation>
    </message>
    <message>
        <source>Interpolate</source>
        <translation>Interpolar</translation>
    </message>
    <message>
        <source>Decode the codes on the line between the two glyphs&apos; codes</source>
        <translation>Decodificar los códigos sobre la recta entre los códigos de los dos glifos</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpiar</translation>
    </message>
    <message>
        <source>Remove the strip and its path from the plane</source>
        <translation>Quitar la tira y su camino del plano</translation>
    </message>
    <message>
        <source>The glyph the path starts from</source>
        <translation>El glifo donde empieza el camino</translation>
    </message>
    <message>
        <source>The glyph the path ends at</source>
        <translation>El glifo donde termina el camino</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>step {0} of {1}</source>
        <translation>paso {0} de {1}</translation>
    </message>
    <message>
        <source>{0}: click to decode it in the preview</source>
        <translation>{0}: hacé clic para decodificarlo en la vista previa</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
</context>
<context>
    <name>LatentCanvas</name>
    <message>
        <source>Click or drag: decode that point · wheel or right-drag: zoom · middle-drag: pan</source>
        <translation>Clic o arrastrar: decodificar ese punto · rueda o arrastrar con el botón derecho: zoom · arrastrar con el botón del medio: desplazar</translation>
    </message>
    <message>
        <source>Train or open a model with a 2-D latent space.</source>
        <translation>Entrená o abrí un modelo con un espacio latente de 2 dimensiones.</translation>
    </message>
    <message>
        <source>Latent map</source>
        <translation>Mapa latente</translation>
    </message>
    <message>
        <source>Decoded glyphs on a grid behind the points</source>
        <translation>Glifos decodificados en una grilla detrás de los puntos</translation>
    </message>
    <message>
        <source> columns</source>
        <translation> columnas</translation>
    </message>
    <message>
        <source>Grid points across the latent map (rows follow the glyph&apos;s shape)</source>
        <translation>Puntos de la grilla a lo ancho del mapa latente (las filas siguen la forma del glifo)</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <source>The glyphs&apos; codes; hide them to see the whole latent map, drawn in full contrast then</source>
        <translation>Los códigos de los glifos; ocultalos para ver todo el mapa latente, que entonces se dibuja con contraste pleno</translation>
    </message>
    <message>
        <source>Frame glyphs</source>
        <translation>Encuadrar glifos</translation>
    </message>
    <message>
        <source>Fit the view to the glyphs&apos; points</source>
        <translation>Ajustar la vista a los puntos de los glifos</translation>
    </message>
    <message>
        <source>Decoded point</source>
        <translation>Decodificado</translation>
    </message>
    <message>
        <source>label</source>
        <translation>etiqueta</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Conservar</translation>
    </message>
    <message>
        <source>Add the decoded glyph (pixels thresholded at 0.5) to the set</source>
        <translation>Agregar el glifo decodificado (píxeles umbralizados en 0,5) al conjunto</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of the model&apos;s codes cannot be drawn (not finite or beyond ±{0}): the plane stays empty.</source>
        <translation>
            <numerusform>%Ln de los códigos del modelo no se puede dibujar (no es finito o pasa de ±{0}): el plano queda vacío.</numerusform>
            <numerusform>%Ln de los códigos del modelo no se pueden dibujar (no son finitos o pasan de ±{0}): el plano queda vacío.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln points</source>
        <translation>
            <numerusform>%Ln punto</numerusform>
            <numerusform>%Ln puntos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>encoding… {0} of %Ln points</source>
        <translation>
            <numerusform>codificando… {0} de %Ln punto</numerusform>
            <numerusform>codificando… {0} de %Ln puntos</numerusform>
        </translation>
    </message>
    <message>
        <source>This model has a 1-D latent space; the plane needs 2-D or more.</source>
        <translation>Este modelo tiene un espacio latente de 1 dimensión; el plano necesita 2 o más.</translation>
    </message>
    <message>
        <source>The glyph set is empty.</source>
        <translation>El conjunto de glifos está vacío.</translation>
    </message>
    <message>
        <source>The model takes {0} pixels; these glyphs have {1}.</source>
        <translation>El modelo recibe {0} píxeles; estos glifos tienen {1}.</translation>
    </message>
    <message>
        <source>type a label</source>
        <translation>escribí una etiqueta</translation>
    </message>
</context>
<context>
    <name>LayerCanvas</name>
    <message>
        <source>Colour key</source>
        <translation>Escala de color</translation>
    </message>
    <message>
        <source>−range</source>
        <translation>−rango</translation>
    </message>
    <message>
        <source>+range</source>
        <translation>+rango</translation>
    </message>
</context>
<context>
    <name>LayerRows</name>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>values 0…1</source>
        <translation>valores 0…1</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Media</translation>
    </message>
    <message>
        <source>Log-variance</source>
        <translation>Log-varianza</translation>
    </message>
    <message>
        <source>code</source>
        <translation>código</translation>
    </message>
    <message>
        <source>Hidden {0}</source>
        <translation>Oculta {0}</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>Reconstruction</source>
        <translation>Reconstrucción</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>Pérdida de prueba</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>época</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>pérdida</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Escala logarítmica</translation>
    </message>
    <message>
        <source>epoch {0}   loss {1}</source>
        <translation>época {0}   pérdida {1}</translation>
    </message>
    <message>
        <source>   recon {0}   KL {1}</source>
        <translation>   reconstr. {0}   KL {1}</translation>
    </message>
    <message>
        <source>   test {0}</source>
        <translation>   prueba {0}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln values not drawn: not finite or beyond ±{0}.</source>
        <translation>
            <numerusform>%Ln valor sin dibujar: no finito o más allá de ±{0}.</numerusform>
            <numerusform>%Ln valores sin dibujar: no finitos o más allá de ±{0}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Glyphs</source>
        <translation>Glifos</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>Experimentos</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>the last glyph set {0} ({1})</source>
        <translation>el último conjunto de glifos {0} ({1})</translation>
    </message>
    <message>
        <source>the last model {0} ({1})</source>
        <translation>el último modelo {0} ({1})</translation>
    </message>
    <message>
        <source>{0} or {1}</source>
        <translation>{0} ni {1}</translation>
    </message>
    <message>
        <source>; could not reopen {0}</source>
        <translation>; no se pudo reabrir {0}</translation>
    </message>
    <message>
        <source>Could not reopen {0}</source>
        <translation>No se pudo reabrir {0}</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edición</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Compiling kernels…{0}</source>
        <translation>Compilando kernels…{0}</translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation>No se puede entrenar</translation>
    </message>
    <message>
        <source>Training diverged (the loss stopped being finite); the last finite weights are kept. Try a lower learning rate.</source>
        <translation>El entrenamiento divergió (la pérdida dejó de ser finita); se conservan los últimos pesos finitos. Probá con una tasa de aprendizaje más baja.</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>Falló el entrenamiento</translation>
    </message>
    <message>
        <source>Kernel warm-up failed: {0}{1}</source>
        <translation>Falló la compilación de los kernels: {0}{1}</translation>
    </message>
    <message>
        <source>Ready{0}</source>
        <translation>Listo{0}</translation>
    </message>
    <message numerus="yes">
        <source>{0}: %Ln curves of {1} points</source>
        <translation>
            <numerusform>{0}: %Ln curva de {1} puntos</numerusform>
            <numerusform>{0}: %Ln curvas de {1} puntos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0}: %Ln glyphs of {1}x{2}</source>
        <translation>
            <numerusform>{0}: %Ln glifo de {1}x{2}</numerusform>
            <numerusform>{0}: %Ln glifos de {1}x{2}</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}; the model ({1}) does not fit it and was closed</source>
        <translation>{0}; el modelo ({1}) no corresponde a este conjunto y se cerró</translation>
    </message>
    <message>
        <source>Add glyph</source>
        <translation>Agregar glifo</translation>
    </message>
    <message>
        <source>Label for the new glyph:</source>
        <translation>Etiqueta del glifo nuevo:</translation>
    </message>
    <message>
        <source>Added glyph &apos;{0}&apos; from the latent plane</source>
        <translation>Se agregó el glifo &apos;{0}&apos; desde el plano latente</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>Train or open a model to see its layers, live as you draw.</source>
        <translation>Entrená o abrí un modelo para ver sus capas, en vivo mientras dibujás.</translation>
    </message>
    <message>
        <source>The model expects {0} inputs; this glyph has {1}.</source>
        <translation>El modelo espera {0} entradas; este glifo tiene {1}.</translation>
    </message>
    <message>
        <source>{0}, unit {1} of {2} = {3}</source>
        <translation>{0}, neurona {1} de {2} = {3}</translation>
    </message>
    <message>
        <source>incoming weights</source>
        <translation>pesos de entrada</translation>
    </message>
    <message>
        <source>outgoing weights</source>
        <translation>pesos de salida</translation>
    </message>
    <message>
        <source>incoming and outgoing weights</source>
        <translation>pesos de entrada y de salida</translation>
    </message>
</context>
<context>
    <name>NewSetDialog</name>
    <message>
        <source>New glyph set</source>
        <translation>Nuevo conjunto de glifos</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>sin título</translation>
    </message>
    <message>
        <source>Other size</source>
        <translation>Otro tamaño</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Ancho</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Alto</translation>
    </message>
</context>
<context>
    <name>PixelEditor</name>
    <message>
        <source>Left: paint · Right or Shift: erase · Arrows + Space: keyboard</source>
        <translation>Izquierdo: pintar · Derecho o Mayús: borrar · Flechas + Espacio: teclado</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpiar</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>Invertir</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Correr</translation>
    </message>
    <message>
        <source>Add noise ({0} px)</source>
        <translation>Agregar ruido ({0} px)</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>Pintar</translation>
    </message>
    <message>
        <source>Toggle pixel</source>
        <translation>Invertir píxel</translation>
    </message>
</context>
<context>
    <name>ProjectionControls</name>
    <message>
        <source>The plane shown: two axes of the code, or the first two principal components of the glyphs&apos; codes</source>
        <translation>El plano que se muestra: dos ejes del código, o las dos primeras componentes principales de los códigos de los glifos</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Vista</translation>
    </message>
    <message>
        <source>principal components 1 × 2</source>
        <translation>componentes principales 1 × 2</translation>
    </message>
    <message>
        <source>The code&apos;s coordinate along this direction (over the codes&apos; span)</source>
        <translation>La coordenada del código en esta dirección (dentro del rango de los códigos)</translation>
    </message>
</context>
<context>
    <name>SampleStrip</name>
    <message>
        <source>Sample</source>
        <translation>Muestrear</translation>
    </message>
    <message>
        <source>Decode codes drawn from a VAE&apos;s prior N(0, I), or for a plain autoencoder from the Gaussian fitted to the glyphs&apos; codes (as ae-desktop sample); each click takes the next seed</source>
        <translation>Decodificar códigos sorteados de la distribución a priori N(0, I) de un VAE o, en un autoencoder simple, de la gaussiana ajustada a los códigos de los glifos (como ae-desktop sample); cada clic usa la semilla siguiente</translation>
    </message>
    <message>
        <source> samples</source>
        <translation> muestras</translation>
    </message>
    <message>
        <source>Glyphs drawn per click</source>
        <translation>Glifos generados por clic</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>semilla </translation>
    </message>
    <message>
        <source>The seed of the next draw (same seed, same samples)</source>
        <translation>La semilla del próximo sorteo (misma semilla, mismas muestras)</translation>
    </message>
    <message>
        <source>label</source>
        <translation>etiqueta</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Conservar</translation>
    </message>
    <message>
        <source>Add the selected sample (pixels thresholded at 0.5) to the set</source>
        <translation>Agregar la muestra elegida (píxeles umbralizados en 0,5) al conjunto</translation>
    </message>
    <message>
        <source>Keep #{0}</source>
        <translation>Conservar #{0}</translation>
    </message>
    <message>
        <source>Cannot sample: the model&apos;s codes of the glyphs are not all finite.</source>
        <translation>No se puede muestrear: los códigos de los glifos según el modelo no son todos finitos.</translation>
    </message>
    <message>
        <source>Samples of seed {0}, from the VAE&apos;s prior N(0, I)</source>
        <translation>Muestras de la semilla {0}, de la distribución a priori N(0, I) del VAE</translation>
    </message>
    <message>
        <source>Samples of seed {0}, from a Gaussian fitted to the training codes (a plain autoencoder has no prior)</source>
        <translation>Muestras de la semilla {0}, de una gaussiana ajustada a los códigos de entrenamiento (un autoencoder simple no tiene distribución a priori)</translation>
    </message>
    <message>
        <source>Sample {0}: click to select it, then Keep it</source>
        <translation>Muestra {0}: hacé clic para elegirla y después conservala</translation>
    </message>
    <message>
        <source>type a label</source>
        <translation>escribí una etiqueta</translation>
    </message>
</context>
<context>
    <name>SummaryChart</name>
    <message>
        <source>{0} (mean, ± std)</source>
        <translation>{0} (media, ± desvío)</translation>
    </message>
    <message>
        <source>{0} (mean, min-max)</source>
        <translation>{0} (media, mín-máx)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
</context>
<context>
    <name>TrainingAids</name>
    <message>
        <source>Constant</source>
        <translation>Constante</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>Decaimiento escalonado</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Coseno</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>L2 weight decay: AdamW&apos;s decoupled decay with adam, an L2 term in the gradient with sgd and momentum, an L2 penalty with the scipy optimizers</source>
        <translation>Decaimiento de pesos L2: el decaimiento desacoplado de AdamW con adam, un término L2 en el gradiente con sgd y momentum, una penalización L2 con los optimizadores de scipy</translation>
    </message>
    <message>
        <source>Learning rate over the epochs: constant; times the factor every N epochs; or down to 0 along half a cosine</source>
        <translation>La tasa de aprendizaje a lo largo de las épocas: constante; multiplicada por el factor cada N épocas; o bajando hasta 0 según medio coseno</translation>
    </message>
    <message>
        <source>every </source>
        <translation>cada </translation>
    </message>
    <message>
        <source>Epochs over which β rises linearly from 0 (VAE)</source>
        <translation>Épocas en las que β sube linealmente desde 0 (VAE)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Stop once the test loss has not improved for this many epochs (needs a test split)</source>
        <translation>Detener cuando la pérdida de prueba no mejora durante esta cantidad de épocas (requiere una partición de prueba)</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Decaimiento de pesos</translation>
    </message>
    <message>
        <source>LR schedule</source>
        <translation>Ajuste de la tasa</translation>
    </message>
    <message>
        <source>KL warm-up</source>
        <translation>Calentamiento KL</translation>
    </message>
    <message>
        <source>Early stop</source>
        <translation>Parada temprana</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Autoencoder</source>
        <translation>Autoencoder</translation>
    </message>
    <message>
        <source>Denoising autoencoder</source>
        <translation>Denoising autoencoder (elimina ruido)</translation>
    </message>
    <message>
        <source>Variational autoencoder</source>
        <translation>Autoencoder variacional</translation>
    </message>
    <message>
        <source>Flip k pixels</source>
        <translation>Invertir k píxeles</translation>
    </message>
    <message>
        <source>Salt &amp; pepper p</source>
        <translation>Sal y pimienta p</translation>
    </message>
    <message>
        <source>Gaussian σ</source>
        <translation>Gaussiano σ</translation>
    </message>
    <message>
        <source>Uniform ±a</source>
        <translation>Uniforme ±a</translation>
    </message>
    <message>
        <source>All glyphs</source>
        <translation>Todos los glifos</translation>
    </message>
    <message>
        <source>First 4</source>
        <translation>Los primeros 4</translation>
    </message>
    <message>
        <source>First 8</source>
        <translation>Los primeros 8</translation>
    </message>
    <message>
        <source>First 16</source>
        <translation>Los primeros 16</translation>
    </message>
    <message>
        <source>First 1,000</source>
        <translation>Los primeros 1.000</translation>
    </message>
    <message>
        <source>First 10,000</source>
        <translation>Los primeros 10.000</translation>
    </message>
    <message>
        <source>float32 (faster, half the memory)</source>
        <translation>float32 (más rápido, mitad de memoria)</translation>
    </message>
    <message>
        <source>Encoder layer sizes from input to latent; the decoder mirrors it</source>
        <translation>Tamaños de las capas del codificador, de la entrada al espacio latente; el decodificador es su espejo</translation>
    </message>
    <message>
        <source>Binary cross-entropy</source>
        <translation>Entropía cruzada binaria</translation>
    </message>
    <message>
        <source>Mean squared error</source>
        <translation>Error cuadrático medio</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>lote completo</translation>
    </message>
    <message>
        <source>Glyphs per weight update, shuffled every epoch; full batch: one update per epoch</source>
        <translation>Glifos por actualización de pesos, mezclados en cada época; lote completo: una actualización por época</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Share of hidden units zeroed at random in each training step (not when encoding or decoding)</source>
        <translation>Proporción de neuronas ocultas anuladas al azar en cada paso de entrenamiento (no al codificar ni al decodificar)</translation>
    </message>
    <message>
        <source>Redraw ambiguous noisy copies</source>
        <translation>Volver a sortear copias ruidosas ambiguas</translation>
    </message>
    <message>
        <source>Draw again each noisy training copy that is nearer another glyph than its own, so that the model learns to answer the nearest glyph (sets of up to {0} glyphs)</source>
        <translation>Volver a sortear cada copia ruidosa de entrenamiento que quede más cerca de otro glifo que del suyo, para que el modelo aprenda a responder el glifo más cercano (conjuntos de hasta {0} glifos)</translation>
    </message>
    <message>
        <source>Train on these glyphs; the rest are held out as a test set</source>
        <translation>Entrenar con estos glifos; el resto queda afuera como conjunto de prueba</translation>
    </message>
    <message>
        <source>Hold out this share of the glyphs trained on as a test set, drawn from the seed (same seed, same split): never trained on, shaded in the glyph list, their loss drawn as the Test loss curve. A rising test loss while the training loss falls is overfitting.</source>
        <translation>Separar esta proporción de los glifos como conjunto de prueba, elegida según la semilla (misma semilla, misma partición): nunca se entrena con ellos, aparecen sombreados en la lista de glifos y su pérdida se dibuja como la curva Pérdida de prueba. Si la pérdida de prueba sube mientras la de entrenamiento baja, hay sobreajuste.</translation>
    </message>
    <message>
        <source>Stop when every glyph is exact</source>
        <translation>Detener al ser todos exactos</translation>
    </message>
    <message>
        <source>With the stop when exact: also wait until every output pixel is on its side of 0.5 by at least this much</source>
        <translation>Con la detención al ser exactos: esperar además a que cada píxel de salida esté de su lado de 0,5 por al menos este margen</translation>
    </message>
    <message>
        <source>Continue from the current model</source>
        <translation>Continuar desde el modelo actual</translation>
    </message>
    <message>
        <source>Start from the trained or opened model&apos;s weights instead of a fresh draw</source>
        <translation>Partir de los pesos del modelo entrenado o abierto en lugar de una inicialización nueva</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Encoder</source>
        <translation>Codificador</translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation>Decodificador</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Activación</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimizador</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tasa de aprendizaje</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamaño de lote</translation>
    </message>
    <message>
        <source>More settings</source>
        <translation>Más ajustes</translation>
    </message>
    <message>
        <source>Precision, dropout, the glyphs to train on, a test split, training aids</source>
        <translation>Precisión, dropout, los glifos con que se entrena, una partición de prueba, ayudas al entrenamiento</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisión</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>Ruido</translation>
    </message>
    <message>
        <source>β (KL weight)</source>
        <translation>β (peso de KL)</translation>
    </message>
    <message>
        <source>Train on</source>
        <translation>Entrenar con</translation>
    </message>
    <message>
        <source>Test split</source>
        <translation>Partición de prueba</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>Margen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Start training ({0})</source>
        <translation>Iniciar el entrenamiento ({0})</translation>
    </message>
    <message>
        <source>Pause training ({0})</source>
        <translation>Pausar el entrenamiento ({0})</translation>
    </message>
    <message>
        <source>Stop training ({0})</source>
        <translation>Detener el entrenamiento ({0})</translation>
    </message>
    <message numerus="yes">
        <source>Proposed for %Ln glyphs: mini-batches, a few epochs, float32, no stop when exact.</source>
        <translation>
            <numerusform>Propuesto para %Ln glifo: mini-lotes, pocas épocas, float32, sin detención al ser exactos.</numerusform>
            <numerusform>Propuesto para %Ln glifos: mini-lotes, pocas épocas, float32, sin detención al ser exactos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>{0} (mirrored)</source>
        <translation>{0} (espejo)</translation>
    </message>
    <message numerus="yes">
        <source>{0}: %Ln weights and biases</source>
        <translation>
            <numerusform>{0}: %Ln peso o sesgo</numerusform>
            <numerusform>{0}: %Ln pesos y sesgos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingStatus</name>
    <message>
        <source>Finished</source>
        <translation>Terminado</translation>
    </message>
    <message>
        <source>Every glyph learned</source>
        <translation>Todos los glifos aprendidos</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>Stopped early: the test loss stopped improving</source>
        <translation>Detenido antes: la pérdida de prueba dejó de mejorar</translation>
    </message>
    <message>
        <source>Diverged: kept the last finite weights</source>
        <translation>Divergió: se conservan los últimos pesos finitos</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>Falló el entrenamiento</translation>
    </message>
    <message>
        <source>epoch {0}/{1}</source>
        <translation>época {0}/{1}</translation>
    </message>
    <message>
        <source>Training… first epoch (kernels compile on their first use)</source>
        <translation>Entrenando… primera época (los kernels se compilan la primera vez que se usan)</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Entrenando…</translation>
    </message>
    <message>
        <source>{0}/{1} within 1 px{2}</source>
        <translation>{0}/{1} con ≤ 1 px de error{2}</translation>
    </message>
    <message>
        <source>max error {0} (sample)</source>
        <translation>error máx. {0} (muestra)</translation>
    </message>
    <message>
        <source>max error {0}</source>
        <translation>error máx. {0}</translation>
    </message>
    <message>
        <source>test loss {0}, max error {1}   </source>
        <translation>pérdida de prueba {0}, error máx. {1}   </translation>
    </message>
    <message>
        <source>elapsed {0}   ETA {1}</source>
        <translation>transcurrido {0}   faltan {1}</translation>
    </message>
    <message>
        <source>{0} at epoch {1}: {2}</source>
        <translation>{0} en la época {1}: {2}</translation>
    </message>
    <message numerus="yes">
        <source>{0}/%n glyphs within 1 px{1}, at most {2} wrong, {3} s</source>
        <translation>
            <numerusform>{0}/%n glifo con ≤ 1 px de error{1}, como máximo {2} px erróneos, {3} s</numerusform>
            <numerusform>{0}/%n glifos con ≤ 1 px de error{1}, como máximo {2} px erróneos, {3} s</numerusform>
        </translation>
    </message>
    <message>
        <source>; held out: {0}/{1} within 1 px</source>
        <translation>; de prueba: {0}/{1} con ≤ 1 px de error</translation>
    </message>
    <message>
        <source>points within {0} of their input (plane -1..1), {1} s</source>
        <translation>puntos a menos de {0} de su entrada (plano -1..1), {1} s</translation>
    </message>
    <message>
        <source>; held out: within {0}</source>
        <translation>; de prueba: a menos de {0}</translation>
    </message>
    <message>
        <source>test loss {0}, {1}/{2} ok   </source>
        <translation>pérdida de prueba {0}, {1}/{2} bien   </translation>
    </message>
    <message>
        <source>epoch {0}/{1}   loss {2}</source>
        <translation>época {0}/{1}   pérdida {2}</translation>
    </message>
    <message>
        <source>, margin {0}</source>
        <translation>, margen {0}</translation>
    </message>
</context>
<context>
    <name>WeightImages</name>
    <message>
        <source>Incoming weights</source>
        <translation>Pesos de entrada</translation>
    </message>
    <message>
        <source>Outgoing weights</source>
        <translation>Pesos de salida</translation>
    </message>
    <message>
        <source>Point at a unit of the first hidden layer (or of the layer before the output) to see its weights; click to keep it.</source>
        <translation>Señalá una neurona de la primera capa oculta (o de la capa anterior a la salida) para ver sus pesos; hacé clic para fijarla.</translation>
    </message>
</context>
</TS>
