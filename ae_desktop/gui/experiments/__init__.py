"""The Experiments tab: sweep setup, its controller, results table and chart."""
