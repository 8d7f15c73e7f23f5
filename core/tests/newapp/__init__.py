"""A throw-away app installed by a test: it declares permissions, as a new app (committees, training...) would."""
