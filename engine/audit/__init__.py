"""`jixiao audit`: check the arithmetic of a written self-evaluation.

readers/   one reader per input format (md, txt, docx) → a Document: paragraphs of lines with places,
           tables with rows
figures    the numbers of a text with their units and printed precision
rounding   which convention (rounding, truncation, capping at 100%) a printed rate follows
finding    the one finding record: place + the arithmetic behind it
registry   the checks, one module each in checks/, registered with @audit_check
run        read → run every check → findings (and the conventions the figures follow)
"""
