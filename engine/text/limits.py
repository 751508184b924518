"""Words of the limits that stop hostile or mistaken input (docs/guarantees.md): problems as
code -> (message zh, fix zh, message en, fix en), merged into messages.PROBLEMS; other words as
TEXTS, read with t("limits.key", lang)."""
from __future__ import annotations

PROBLEMS: dict[str, tuple[str, str, str, str]] = {
    "table.number_out_of_range": (
        "{value} 超出 jixiao 能准确计算的范围（指标 {id}）：绝对值最大 {largest}，不为 0 时最小 {smallest}",
        "检查是否多打了数字或把单位写错了；写成计量单位下的普通数字",
        "{value} is beyond the range jixiao computes exactly (indicator {id}): at most {largest} in size and, unless 0, at least {smallest}",
        "check for extra digits or a wrong measure; write a plain number in the indicator's measure"),
    "yaml.number_out_of_range": (
        "数字 {value} 超出 jixiao 能准确计算的范围：绝对值最大 {largest}，不为 0 时最小 {smallest}",
        "检查是否多打了数字或把单位写错了",
        "the number {value} is beyond the range jixiao computes exactly: at most {largest} in size and, unless 0, at least {smallest}",
        "check for extra digits or a wrong measure"),
    "yaml.tagged_value": (
        "标签 !!{tag} 读不了这里的值 {value}",
        "删去 !!{tag} 标签，按平常的写法写：日期写 2021-12-31，是否写 true 或 false",
        "the tag !!{tag} cannot read the value {value}",
        "drop the !!{tag} tag and write the value plainly: dates as 2021-12-31, yes/no as true or false"),
    "table.misspelt_column": (
        "列名 {column} 不认识，像是 {near} 写错了：这一列的内容不会被读取",
        "把列名改成 {near}；如果这一列确实不用，删去它或改一个不相近的名字",
        "column {column} is unknown and looks like a misspelt {near}: its cells would not be read",
        "rename it {near}; if the column is not meant to be read, delete it or give it a name unlike any known column"),
    "file.not_regular": (
        "这不是普通文件（是命名管道、设备或套接字）：jixiao 只读取普通文件",
        "换成真正的文件（不要用指向 /dev/… 或管道的链接）",
        "this is not a regular file (a named pipe, a device or a socket): jixiao reads regular files only",
        "put a real file here (not a link to /dev/… or a pipe)"),
    "snapshot.path_outside": (
        "manifest.yaml 中的 {value} 在快照文件夹 {folder} 之外",
        "把文件放进快照文件夹，在 manifest.yaml 中只写文件名",
        "{value} in manifest.yaml lies outside the snapshot folder {folder}",
        "put the file in the snapshot folder and give only its name in manifest.yaml"),
}

TEXTS: dict[str, tuple[str, str]] = {
    "value_out_of_range": ("{value}（超出 jixiao 能准确计算的范围：绝对值最大 10^15，不为 0 时最小 10^-9）",
                           "{value} (beyond the range jixiao computes exactly: at most 10^15 in size and, unless 0, at least 10^-9)"),
    "path_too_long": ("路径太长（{start}…，共 {size} 字节，最长的一段 {longest} 字节）：系统只接受不超过 {path_max} 字节的路径、"
                      "每段不超过 {name_max} 字节的名称",
                      "the path is too long ({start}…, {size} bytes, its longest part {longest}): the system takes paths "
                      "of at most {path_max} bytes and names of at most {name_max}"),
    "no_sheets": ("工作簿中没有任何工作表", "the workbook has no sheet"),
    "too_many_rows": ("工作表超过 {limit} 行（Excel 的上限）：不是在 Excel 或 WPS 中保存的",
                      "the sheet has more than {limit} rows (Excel's limit): it was not saved by Excel or WPS"),
    "xlsx_inflated": ("工作簿解压后有 {size} MB（上限 {limit} MB），其中共享文字 {shared} MB（上限 {shared_limit} MB）："
                      "请在 Excel 或 WPS 中打开并另存，或把数据拆到几个文件中",
                      "the workbook unpacks to {size} MB (limit {limit} MB), its shared strings to {shared} MB "
                      "(limit {shared_limit} MB): open and save it again in Excel or WPS, or split the data"),
}
