"""The checks that keep the Markdown true: code references resolve, examples run, links work."""
