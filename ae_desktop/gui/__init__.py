"""The desktop app (Qt). ``app.py`` starts it and ``main_window.py`` assembles it from
the packages by role: ``glyphs/`` (the set being edited, its editors), ``latent/`` (the
latent plane, samples), ``network/`` (every layer's activations), ``training/`` (training
panel, controller, loss plot), ``experiments/`` (sweeps), ``files/`` (file actions, import,
recent files, autosave, font export). Shared pieces stay here: ``background.py`` (the one
worker), ``model_session.py`` (the current model), ``actions.py`` (actions by id),
``help_menu.py``, ``language.py`` (English or Spanish), ``shortcuts.py``,
``stored_settings.py``, ``xcb_check.py`` (missing X11 libraries named before Qt starts).
Qt is also used outside: ``plots/`` draws the command line's figures offscreen, and
``data/image_folder.py`` decodes images with Qt's readers (lazily)."""
