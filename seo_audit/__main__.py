from seo_audit.cli import main

main()
