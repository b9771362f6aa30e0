"""The app's widgets: browser, sidebar, inspector, dialogs."""
