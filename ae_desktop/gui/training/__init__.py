"""Training from the window: settings panel, controller, status, loss plot, kernel warm-up."""
