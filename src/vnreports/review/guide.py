"""The short review guide written on the workbook's 'Hướng dẫn' sheet, in Vietnamese."""

from __future__ import annotations

TITLE = "Hướng dẫn duyệt số liệu"

# (heading or None, text). A heading starts a section; the rest are lines of it.
GUIDE: list[tuple[str | None, str]] = [
    ("Các bước", ""),
    (None, "1. Mở sheet «Số liệu»: mỗi hàng là một con số của báo cáo; con số được tô đỏ đậm trong câu trích dẫn."),
    (None, ("2. Kiểm tra từng hàng với báo cáo gốc, sửa nếu sai, rồi chọn «có» ở cột «Đã duyệt» "
           "và ghi «Người duyệt», «Ngày duyệt» (yyyy-mm-dd).")),
    (None, ("3. Làm tương tự ở các sheet «Báo cáo» (dòng sổ đăng ký), «Bỏ qua» (con số không phải số liệu) "
           "và «Chỉ tiêu mới» (chỉ tiêu máy đề xuất: «có» = chấp nhận vào danh mục metrics.csv).")),
    (None, "4. Lưu tệp dạng Excel Workbook (.xlsx), rồi chạy: make import FILE=<tệp này>, sau đó make build."),
    (None, ("Duyệt dần được: chỉ những hàng «có» mới thành đã duyệt; hàng «không» vẫn là bản nháp. "
           "Hôm sau có thể tiếp tục trên sổ này (nếu không sửa lại các hàng đã nhập), hoặc chạy lại "
           "make review để có sổ mới.")),
    ("Cần kiểm tra gì ở mỗi hàng", ""),
    (None, ("• Có đúng là số liệu không (không phải số văn bản, ngày viện dẫn, số thứ tự, chú thích…). "
           "Nếu không: xoá hàng và thêm con số đó vào sheet «Bỏ qua» với lý do.")),
    (None, "• «Con số như viết»: chép đúng như trong câu, kèm đơn vị (9,142 triệu đồng; 41,4%; thứ 05/11)."),
    (None, ("• «Giá trị»: cách đọc của bạn, dấu chấm thập phân, không dấu phân cách hàng nghìn (9142; 41.4). "
           "Gõ số, không gõ «41,4» dạng chữ.")),
    (None, "• Dấu phẩy theo sau đúng 3 chữ số (9,142) là mơ hồ: ghi cách đọc đã chọn và lý do ở «Cách đọc số mơ hồ»."),
    (None, ("• «Đơn vị», «Chỉ tiêu», «Chương trình», «Dự án», «Loại số liệu»: chọn trong danh sách thả xuống "
           "(mã — tên tiếng Việt; danh sách đầy đủ ở sheet «Danh mục»). Thứ hạng dùng đơn vị «thứ hạng».")),
    (None, "• «Huyện», «Xã»: viết như trong báo cáo (giữ cả lỗi chính tả); để trống nếu là số liệu cấp tỉnh."),
    (None, ("• «Ngày số liệu»: ngày số liệu có hiệu lực; «Chữ ghi ngày»: nguyên văn chữ cho ngày đó "
           "(để trống = ngày của báo cáo). Chỉ tiêu cần «Hạn» và «Chữ ghi hạn».")),
    (None, "• «Trích dẫn»: nguyên văn câu trong báo cáo; không sửa câu, nếu sửa thì phải vẫn có trong báo cáo."),
    (None, "• «Là phần của», «Tính từ»: mã số liệu của tổng, hoặc của các số mà tỷ lệ được tính từ đó (fA/fB)."),
    ("Thêm, xoá hàng", ""),
    (None, "• Xoá cả hàng để bỏ một con số; thêm hàng mới với mã số liệu chưa dùng (f051…) và đủ các cột bắt buộc."),
    (None, "• Mỗi con số trong báo cáo phải được chép hoặc nằm trong «Bỏ qua»: make import báo con số nào còn thiếu."),
    ("Màu", ""),
    (None, "legend"),
    ("Không được", ""),
    (None, "• Đổi tên, xoá sheet hoặc hai hàng tiêu đề (hàng 2 là tên cột máy đọc, ví dụ value, metric)."),
    (None, "• Lưu dạng .ods hoặc .csv: hãy lưu dạng Excel Workbook (.xlsx)."),
    (None, "• Dùng sổ của báo cáo khác, hoặc sổ cũ sau khi bản nháp đã làm lại (make add): make import sẽ từ chối."),
    ("Khi make import từ chối", ""),
    (None, ("Thông báo nêu sheet, hàng, cột, lỗi gì và cách sửa. Sửa trong sổ, lưu, chạy lại make import: "
           "chưa có gì được ghi cho đến khi mọi hàng đều đúng.")),
]

LEGEND = [
    ("FFF2CC", "Bản nháp của máy (make add), chưa duyệt"),
    ("FFFFFF", "Đã duyệt"),
    ("F8CBAD", "Độ tin cậy thấp (dưới 0,6): kiểm tra kỹ"),
]
