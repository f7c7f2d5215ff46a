"""seo-audit: audit article pages for SEO before they are published."""

__version__ = "0.1.0"
