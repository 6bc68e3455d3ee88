"""Everything about gettext catalogues: files, checks, the translators' operations, which version
is served, and uploads. The only package that imports polib or `babel.messages`."""
