"""reporter: Chinese government reports -> one data model -> briefs in PDF, DOCX and HTML."""
__version__ = "0.1.0"
