<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>EditorPanel</name>
    <message numerus="yes">
        <source>The model expects %Ln values; this glyph has {0}.</source>
        <translation>
            <numerusform>The model expects %Ln value; this glyph has {0}.</numerusform>
            <numerusform>The model expects %Ln values; this glyph has {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The model expects %Ln pixels; this glyph has {0}.</source>
        <translation>
            <numerusform>The model expects %Ln pixel; this glyph has {0}.</numerusform>
            <numerusform>The model expects %Ln pixels; this glyph has {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, the first of %n equally near</source>
        <translation>
            <numerusform>, the first of %n equally near</numerusform>
            <numerusform>, the first of %n equally near</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExperimentsPanel</name>
    <message numerus="yes">
        <source>From the training settings: {0} {1}, {2}, {3} lr {4}, {5} epochs, %n glyphs</source>
        <translation>
            <numerusform>From the training settings: {0} {1}, {2}, {3} lr {4}, {5} epochs, %n glyph</numerusform>
            <numerusform>From the training settings: {0} {1}, {2}, {3} lr {4}, {5} epochs, %n glyphs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Run sweep (%n runs)</source>
        <translation>
            <numerusform>Run sweep (%n run)</numerusform>
            <numerusform>Run sweep (%n runs)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweep of {0}, %n seeds</source>
        <translation>
            <numerusform>Sweep of {0}, %n seed</numerusform>
            <numerusform>Sweep of {0}, %n seeds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Denoising vs salt &amp; pepper noise, %n seeds, {0} draws</source>
        <translation>
            <numerusform>Denoising vs salt &amp; pepper noise, %n seed, {0} draws</numerusform>
            <numerusform>Denoising vs salt &amp; pepper noise, %n seeds, {0} draws</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Held-out glyphs vs training-set size, %n seeds</source>
        <translation>
            <numerusform>Held-out glyphs vs training-set size, %n seed</numerusform>
            <numerusform>Held-out glyphs vs training-set size, %n seeds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Measuring %n noise levels…</source>
        <translation>
            <numerusform>Measuring %n noise level…</numerusform>
            <numerusform>Measuring %n noise levels…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n runs in {0} s.</source>
        <translation>
            <numerusform>Done: %n run in {0} s.</numerusform>
            <numerusform>Done: %n runs in {0} s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportFontDialog</name>
    <message numerus="yes">
        <source>%n characters in a {0} × {1} grid.</source>
        <translation>
            <numerusform>%n character in a {0} × {1} grid.</numerusform>
            <numerusform>%n characters in a {0} × {1} grid.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GlyphImporter</name>
    <message numerus="yes">
        <source>Imported %Ln glyphs of {0}x{1} from {2}</source>
        <translation>
            <numerusform>Imported %Ln glyph of {0}x{1} from {2}</numerusform>
            <numerusform>Imported %Ln glyphs of {0}x{1} from {2}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LatentCanvas</name>
    <message numerus="yes">
        <source>%Ln of the model&apos;s codes cannot be drawn (not finite or beyond ±{0}): the plane stays empty.</source>
        <translation>
            <numerusform>%Ln of the model&apos;s codes cannot be drawn (not finite or beyond ±{0}): the plane stays empty.</numerusform>
            <numerusform>%Ln of the model&apos;s codes cannot be drawn (not finite or beyond ±{0}): the plane stays empty.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln points</source>
        <translation>
            <numerusform>%Ln point</numerusform>
            <numerusform>%Ln points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>encoding… {0} of %Ln points</source>
        <translation>
            <numerusform>encoding… {0} of %Ln point</numerusform>
            <numerusform>encoding… {0} of %Ln points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message numerus="yes">
        <source>%Ln values not drawn: not finite or beyond ±{0}.</source>
        <translation>
            <numerusform>%Ln value not drawn: not finite or beyond ±{0}.</numerusform>
            <numerusform>%Ln values not drawn: not finite or beyond ±{0}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>{0}: %Ln curves of {1} points</source>
        <translation>
            <numerusform>{0}: %Ln curve of {1} points</numerusform>
            <numerusform>{0}: %Ln curves of {1} points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0}: %Ln glyphs of {1}x{2}</source>
        <translation>
            <numerusform>{0}: %Ln glyph of {1}x{2}</numerusform>
            <numerusform>{0}: %Ln glyphs of {1}x{2}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message numerus="yes">
        <source>Proposed for %Ln glyphs: mini-batches, a few epochs, float32, no stop when exact.</source>
        <translation>
            <numerusform>Proposed for %Ln glyph: mini-batches, a few epochs, float32, no stop when exact.</numerusform>
            <numerusform>Proposed for %Ln glyphs: mini-batches, a few epochs, float32, no stop when exact.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0}: %Ln weights and biases</source>
        <translation>
            <numerusform>{0}: %Ln weight or bias</numerusform>
            <numerusform>{0}: %Ln weights and biases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingStatus</name>
    <message numerus="yes">
        <source>{0}/%n glyphs within 1 px{1}, at most {2} wrong, {3} s</source>
        <translation>
            <numerusform>{0}/%n glyph within 1 px{1}, at most {2} wrong, {3} s</numerusform>
            <numerusform>{0}/%n glyphs within 1 px{1}, at most {2} wrong, {3} s</numerusform>
        </translation>
    </message>
</context>
</TS>
