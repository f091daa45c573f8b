"""Metric corrections from the words right around a number that the phrase lists cannot tell apart."""

from __future__ import annotations

import re

_CLAUSE = re.compile(r"[;.]")
_REQUEST = re.compile(r"đề nghị[^;.]{0,80}?(?:bổ sung|hỗ trợ thêm|cấp thêm|xem xét hỗ trợ|hỗ trợ)", re.IGNORECASE)
ESTIMATE_GIVEN = re.compile(r"dự toán[^();.]{0,30}\(\s*$", re.IGNORECASE)  # "bằng 55,0% dự toán tỉnh giao (70,04 tỷ"
_LEVEL_AFTER_FALL = re.compile(r"(?:xuống|còn)\s+(?:dưới|trên|khoảng)?\s*$", re.IGNORECASE)
MONEY = {"đồng", "nghìn đồng", "triệu đồng", "tỷ đồng", "nghìn tỷ đồng"}
_NOT_CROPS = re.compile(r"\brừng\b|tự nhiên|mặt bằng|chuyển mục đích")
_NOT_REVENUE = re.compile(r"kim ngạch|xuất khẩu|nhập khẩu|bán lẻ|doanh thu|lượt khách|du lịch|phạm pháp|\bvụ\b")
_REVENUE = re.compile(r"thu ngân sách|thu nsnn|tổng thu|\bthu\s+(?:từ|tiền|thuế|phí|nội địa)")
COLLECTED = re.compile(r"\bthu\b(?!\s+(?:nhập|hoạch|hồi|gom|hút))", re.IGNORECASE)  # revenue, not income or harvest


def refine_metric(metric: str, unit: str, before: str, after: str, allowed: set[str]) -> str:
    """The metric after the corrections below, each tied to the words that decide it; `""` asks for a new metric."""
    clause = _CLAUSE.split(before)[-1]
    near_after = re.split(r"[;,.(]", after, maxsplit=1)[0][:60]

    def pick(code: str) -> str:
        return code if code in allowed else metric

    low = clause.lower()
    if unit == "%" and re.search(r"\bchiếm\s*$", before, re.IGNORECASE) and re.match(
            r"\s*tổng\s+(?:số\s+)?(?:kế hoạch vốn|nguồn vốn|vốn|kinh phí)", after, re.IGNORECASE):
        return pick("capital_share")  # "Vốn ngân sách tỉnh: 96,40 tỷ đồng, chiếm 38,8% tổng kế hoạch vốn"
    if metric.startswith("budget_revenue") and _NOT_REVENUE.search(low) and not _REVENUE.search(low):
        return pick("trade_turnover") if "kim ngạch" in low and unit in (*MONEY, "tỷ USD", "triệu USD") else ""
    estimate = re.match(r"\s*(?:so với\s+)?dự toán\s+(?:HĐND\s+|Hội đồng nhân dân\s+)?(huyện|tỉnh)\b", near_after,
                        re.IGNORECASE)
    collected = COLLECTED.search(low)
    spent = re.search(r"\bchi\b(?!\s+(?:tiết|cục|nhánh|bộ))", low)
    if estimate and re.match(r"budget_(?:revenue|expenditure)_pct_", metric):  # "45,8% dự toán huyện giao"
        level = "district" if estimate.group(1).lower() == "huyện" else "province"
        side = "expenditure" if spent and not collected else "revenue" if collected and not spent else (
            metric.split("_pct_")[0].removeprefix("budget_"))  # "Chi thường xuyên đạt 30,1% dự toán huyện giao"
        return pick(f"budget_{side}_pct_{level}_estimate")
    if estimate and unit == "%" and not metric.startswith("budget_") and (collected or spent) \
            and not re.search(r"tiền sử dụng đất|đấu giá", low):  # land-use revenue has no catalogue metric
        side = "revenue" if collected else "expenditure"
        level = "district" if estimate.group(1).lower() == "huyện" else "province"  # "thu ngân sách đạt 18,62 tỷ
        return pick(f"budget_{side}_pct_{level}_estimate")  # đồng, bằng 27,5% dự toán tỉnh giao và 24,8% …"
    if unit in MONEY and re.match(r"\W*dự toán\b", clause, re.IGNORECASE) and not re.search(
            r"\b(?:đạt|thu được|thực hiện|giải ngân)\b", clause, re.IGNORECASE):
        return ""  # "Dự toán thu ngân sách … năm 2025 tỉnh giao 67,70 tỷ đồng": the estimate itself, propose a metric
    if metric == "ntm_communes_met" and re.search(r"nâng cao", near_after, re.IGNORECASE):
        return pick("ntm_advanced_communes_met")  # "01 xã đạt chuẩn NTM nâng cao"
    if unit in MONEY and _REQUEST.search(clause):
        return pick("funding_requested")  # "Đề nghị UBND tỉnh bổ sung 1,85 tỷ đồng"
    if unit == "ha" and re.match(r"\s*rừng\b", after, re.IGNORECASE) and re.search(r"\btrồng\b", clause, re.IGNORECASE):
        return pick("forest_planted_area")  # "trồng mới 1.050 ha rừng"
    if metric == "poverty_rate_reduction" and _LEVEL_AFTER_FALL.search(before):
        return pick("poverty_rate")  # "giảm tỷ lệ hộ nghèo xuống dưới 6%": the level reached, not the fall
    if metric == "houses_supported" and unit in ("nhà", "căn") and not houses_done(before, after):
        return ""  # houses still to support, started, under way or damaged: no metric has them, propose one
    if metric == "houses_supported" and unit == "hộ":
        return pick("households_supported")  # households helped are counted in hộ, houses in nhà/căn
    if metric == "households_supported" and unit in ("nhà", "căn"):
        return pick("houses_supported")
    if "_pct_" in metric and re.search(r"(?:so với\s+)?cùng kỳ", near_after, re.IGNORECASE):
        return pick(metric.split("_pct_")[0] + "_pct_same_period")  # "bằng 112,4% so với cùng kỳ"
    if metric in ("ntm_communes_met", "ntm_criteria_met") and re.search(
            r"\bthêm(?:\s+(?:ít nhất|tối thiểu|khoảng))?\s*$", before, re.IGNORECASE):
        return ""  # "có thêm 02 xã đạt chuẩn", "đạt thêm 03 tiêu chí": what was added, no metric has it
    if unit in MONEY and re.match(r"\s*(?:vốn[^,;.]{0,25}\s)?chưa\s+(?:được\s+)?(?:phân bổ|giải ngân)", after, re.IGNORECASE):
        return ""  # "còn 4,450 tỷ đồng chưa phân bổ": capital not yet allocated or disbursed, propose a metric
    if metric.startswith("budget_revenue_pct_") and (unit == "%/năm" or re.search(r"tăng bình quân\s*(?:trên\s+)?$", before)):
        return ""  # "tăng bình quân 9,2%/năm": revenue growth, not a share of an estimate
    if "/" in unit and unit.split("/")[0] in MONEY and "/người" not in unit:
        return ""  # "60 triệu đồng/nhà": a rate per house is no amount; only income per head has a metric
    if unit in ("dự án", "công trình"):
        if re.match(r"\s*(?:khởi công mới\s+)?chưa giải ngân", after, re.IGNORECASE):
            return ""  # "07 dự án chưa giải ngân": no metric counts them, propose one
        if re.match(r"\s*(?:còn\s+)?đang\s+(?:thi công|triển khai thi công)", after, re.IGNORECASE):
            return ""  # "8 công trình đang thi công": works under construction, no metric counts them
        if re.match(r"\s*(?:\w+\s+){0,3}?chưa\s+(?:được\s+)?khởi công", after, re.IGNORECASE):
            return ""  # "3 công trình chưa khởi công": not started, no metric counts them
        if re.search(r"(?<!chưa )\bkhởi công\s*$", clause, re.IGNORECASE):
            return pick("works_started")  # "đã khởi công 31 dự án" (the year's new starts are projects_new_start)
        if re.match(r"\s*(?:còn lại\s+)?(?:đang\s+)?(?:tổ chức\s+)?lựa chọn nhà thầu", after, re.IGNORECASE) or re.search(
                r"lựa chọn nhà thầu\s*$", clause, re.IGNORECASE):
            return pick("works_in_preparation")
    if unit == "%" and re.search(r"\d[\d.,]*\s*(?:nhà|căn|vụ)(?:\s+(?:đã\s+)?hoàn thành)?\s*,\s*(?:đạt|bằng)\s*$", before,
                                   re.IGNORECASE):
        return ""  # "hoàn thành 241 nhà, đạt 58,5%", "làm rõ 25 vụ, đạt 92,6%": the rate of that count, no metric
    if unit == "ngày công" or (unit == "ha" and re.search(r"\bhiến\s*$", clause, re.IGNORECASE)):
        return ""  # workdays and land given by the people: propose a metric
    if unit in MONEY and re.search(r"\bnợ (?:thuế|đọng)", clause, re.IGNORECASE):
        return ""  # "Số nợ thuế đến ngày 30/4/2025 là 3,84 tỷ đồng": tax arrears, no metric has them
    if unit in MONEY and re.search(r"nguồn lực huy động|huy động (?:được )?(?:tổng )?nguồn lực", clause, re.IGNORECASE):
        return ""  # resources mobilised (all sources together): no metric has them
    if (unit in MONEY or unit == "%") and re.search(r"(?<!nguồn )thu tiền sử dụng đất", clause, re.IGNORECASE):
        return ""  # land-use revenue collected (a budget revenue's part), and its rate: no metric has them
    if unit == "%" and re.search(r"so với kế hoạch(?: \(%\))?\s*$", before, re.IGNORECASE) and not re.search(
            r"thu ngân sách|chi ngân sách|giải ngân", before, re.IGNORECASE):
        return ""  # a table's "So với kế hoạch (%)" of an indicator: the share of its plan, propose a metric
    if unit == "%" and re.match(r"\s*(?:tổng\s+)?số\s+xã\b", after, re.IGNORECASE) and "đạt chuẩn" in low:
        return pick("ntm_communes_met_rate")  # "5/10 xã đạt chuẩn nông thôn mới …, chiếm 50% tổng số xã"
    if metric == "ntm_criteria_unmet" and not re.search(r"chưa|còn|thiếu|không đạt", low + " " + near_after.lower()):
        return pick("ntm_criteria_met")  # "… | Chỉ tiêu năm 2025 (tiêu chí) | …": nothing says the criteria are unmet
    if metric == "crop_area" and _NOT_CROPS.search(low + " " + near_after.lower()):
        return ""  # forest under protection contracts, natural area, land not yet handed over: no crop
    if metric == "pest_damage_area" and not re.search(r"sâu|bệnh|hại|dịch|ngập|hư hỏng|mất trắng", low):
        return pick("crop_area")  # "trong đó: lúa xuân 1.120 ha": the area sown, no damage said
    if metric == "capital_plan" and not re.search(r"\bvốn\b|kế hoạch", low):
        if re.search(r"\bkinh phí\b", low) and "chương trình" not in low:  # a programme's funds are its capital
            return ""  # "tổng kinh phí hỗ trợ là 20,940 tỷ đồng, gồm …": a programme's funds, no capital plan
        if COLLECTED.search(low):  # "lệ phí trước bạ 4,2 tỷ đồng; thu khác 7,42 tỷ đồng"
            return "" if ESTIMATE_GIVEN.search(before) else pick("budget_revenue")  # "dự toán được giao (12,00 tỷ"
    if metric == "capital_plan" and "giải ngân" in low and re.search(r"(?:đạt|được)(?:\s+khoảng)?\s*$", before):
        return pick("disbursed")  # "Giải ngân kế hoạch vốn … đạt 245,36 tỷ đồng": the amount disbursed
    if metric.startswith("advance_") and not re.search(r"thu hồi|ứng trước|tạm ứng", low):
        metric = ""  # money allocated is no advance unless the clause says it recovers or advances one
    if not metric and unit in MONEY and re.search(r"\b(?:bố trí|phân bổ)\b", low) and "giải ngân" not in low:
        return pick("capital_plan")  # "Ưu tiên bố trí cho xã Mai Sao … 41,20 tỷ đồng": capital allocated
    if unit in MONEY and ESTIMATE_GIVEN.search(before) and metric not in ("capital_plan",):
        return ""  # the estimate itself ("dự toán tỉnh giao (70,04 tỷ đồng)"): no metric has it, propose one
    return metric


_HOUSES_NOT_DONE_AFTER = re.compile(r"\s*(?:ở\s+)?(?:còn lại\s+)?(?:phát sinh|chưa|đang|bị|cần|phải)", re.IGNORECASE)
_HOUSES_VERB = re.compile(r"(cần hỗ\W*trợ|cần xóa|phải hỗ trợ|kế hoạch|đề nghị|bổ sung|tổng số nhà)|(khởi công|thi công)|"
                          r"(hoàn thành|bàn giao|đã hỗ trợ|hỗ trợ xóa|đã xóa)", re.IGNORECASE)


def houses_done(before: str, after: str) -> bool:
    """Whether a number of houses counts houses supported (completed, handed over), by the nearest verb before it
    ("đã khởi công 268 nhà", "hoàn thành 157 nhà", "tổng số nhà cần hỗ trợ là 412 nhà") and the words after it
    ("14 nhà chưa khởi công", "45 nhà phát sinh")."""
    verbs = list(_HOUSES_VERB.finditer(_CLAUSE.split(before)[-1]))
    if verbs:
        return bool(verbs[-1].group(3))  # "hoàn thành 255 nhà chưa hoàn thành": the verb before decides
    return not _HOUSES_NOT_DONE_AFTER.match(after)


_PART_VERBS = re.compile(r"giải ngân|kế hoạch|dự toán|\bthu\b|\bchi\b|\bđạt\b|\bbằng\b|\btăng\b|\bgiảm\b(?! nghèo)|\bcòn\b",
                         re.IGNORECASE)
_PARTS = {"disbursed": r"trong đó", "capital_plan": r"trong đó|\bgồm\b"}


def part_of_total(before: str, unit: str, total_metric: str | None) -> str | None:
    """The metric of the total when the number is one of its parts listed after "trong đó" (a capital plan's also
    after "gồm") by source only ("đã giải ngân 19,45 tỷ đồng …; trong đó vốn đầu tư 16,20 tỷ đồng …, vốn sự nghiệp
    3,25 tỷ đồng"; "Vốn các Chương trình MTQG: 67,45 tỷ đồng, gồm Chương trình xây dựng nông thôn mới 28,30 tỷ
    đồng"), else None."""
    found = list(re.finditer(_PARTS.get(total_metric or "", r"(?!)"), before, re.IGNORECASE))
    if unit not in MONEY or not found:  # other totals' parts have metrics of their own
        return None
    at = found[-1].end()
    segment = re.split(r"\d[\d.,]*\s*(?:nghìn tỷ|tỷ|triệu|nghìn)?\s*(?:đồng|%)", before[at:])[-1]
    if total_metric == "disbursed":  # "… giải ngân đạt 84,50 tỷ đồng …; trong đó vốn các Chương trình MTQG ước đạt
        segment = re.sub(r"(?:ước\s+)?(?:giải ngân\s+)?(?:đạt|được)\s*$", "", segment)  # 27,30 tỷ đồng": the same verb
    return None if _PART_VERBS.search(segment) else total_metric


_SOURCE_LEAD = re.compile(r"^\W*(?:vốn|nguồn|ngân sách)\b[^:;\d]{0,120}:\s*$", re.IGNORECASE)
_PLAN_INTRO = re.compile(r"kế hoạch vốn|tổng vốn|vốn được giao|được giao", re.IGNORECASE)


def listed_capital_plan(intro: str, before: str, unit: str) -> str | None:
    """A bullet naming a funding source only, under a paragraph introducing the capital plan ("Tổng kế hoạch vốn
    đầu tư công năm 2025 của huyện là 248,60 tỷ đồng, bao gồm:" … "- Vốn ngân sách huyện: 84,75 tỷ đồng"), holds
    that plan's part: capital_plan."""
    if unit in MONEY and intro and _SOURCE_LEAD.match(before) and _PLAN_INTRO.search(intro) \
            and not re.search(r"giải ngân", intro, re.IGNORECASE):
        return "capital_plan"
    return None


def commune_estimate(metric: str, commune: str, unit: str, after: str) -> str:
    """A commune's revenue against its estimate is against the district's: the district assigns the communes'
    estimates ("thị trấn Na Dương thu đạt 4,86 tỷ đồng, bằng 40,5% dự toán được giao"), unless the province is named."""
    if not commune:
        return metric
    if (metric == "budget_revenue_pct_province_estimate" or (not metric and unit == "%" and re.match(r"\s*dự toán", after, re.I))) \
            and not re.match(r"[^;.]{0,30}\btỉnh\b", after):
        return "budget_revenue_pct_district_estimate"
    return "" if metric == "budget_revenue" else metric  # a commune's own revenue is no district total: propose one
