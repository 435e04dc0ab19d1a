"""Document → report model: sections, period, contact and tables addressed by the template's
canonical keys. ``report`` holds the model (the only thing checks see), ``build`` assembles it."""
