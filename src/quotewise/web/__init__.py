"""The web app: a store in the browser, every page with a JSON twin."""
