"""form: the 绩效自评表 workbook in the fiscal self-evaluation form's layout (engine/render/form_xlsx.py);
binary, so it needs --output. No suffix selects it (.xlsx is the full workbook): ask for it with
--format form."""
from engine.render.formats import register

register("form", order=55, binary=True, summary="engine.render.form_xlsx:render")
