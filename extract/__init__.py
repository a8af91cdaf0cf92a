"""File bytes -> Document -> appendix-table rows, legal references and metadata.

`extract` knows nothing of canonical codes (that is `normalize`); it never imports
`normalize` or `pipeline`.
"""
