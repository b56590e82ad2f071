"""XLSForm forms: loading workbooks into a model, and form sessions that evaluate them."""
