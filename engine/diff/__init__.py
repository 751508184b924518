"""`jixiao diff OLD NEW`: what changed between two versions of the rules (绩效目标调整).

sources   a rule folder, or a git revision of one (HEAD~1:rules) read into a temporary folder
changes   indicators added, removed, renamed; targets changed per stage; type, direction, unit changed
flips     the statuses the change flips at a snapshot (both rule sets evaluated through engine/pipeline.py)
"""
