"""What every app shares: the small-numbers rule, text cleaning, form errors, the program's words,
lifecycle tables, access checks and the REST API's base. It imports no Mentora app."""
