"""Demo mass mobilisation of Na Rì (Bắc Kạn), through the services: the dialogues of 2021 (and a few of 2020 for
the comparison with the year before), with issues raised, answers and follow-ups, and the models registered for
2020 and 2021. Places, names, issues and models are illustrative; the district secretary is the one the seed names.
Counts: docs/documents.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mobilisation.models import Dialogue, MobilisationModel
from mobilisation.services import DialogueInput, FollowUpInput, IssueInput, ModelInput, dialogue_record, model_register
from organizations.models import Organization

D = dt.date
REASON = "demo"
SECRETARY = "Hoàng Văn Thiên"

# (organization code, kind, date, place, chair, chair's post, participants, [(issue, answer)], [(action, owner,
#  due, status, done)])
DIALOGUES: list[tuple[str, str, dt.date, str, str, str, int, list[tuple[str, str]],
                      list[tuple[str, str, dt.date, str, dt.date | None]]]] = [
    ("BK-NR", "periodic", D(2020, 9, 18), "Hội trường Huyện ủy", SECRETARY, "Bí thư Huyện ủy", 150,
     [("Giá vật tư nông nghiệp tăng cao", "Huyện chỉ đạo hỗ trợ giống, phân bón cho hộ nghèo")],
     [("Hỗ trợ giống ngô vụ đông", "Phòng Nông nghiệp huyện", D(2020, 11, 30), "done", D(2020, 11, 20))]),
    ("BK-NR-YL2020", "periodic", D(2020, 10, 9), "Nhà văn hóa tổ Phố Mới", "Bí thư Đảng ủy thị trấn",
     "Bí thư Đảng ủy", 70, [("Đèn chiếu sáng đường phố hỏng", "Thị trấn sửa trong tháng 11")],
     [("Sửa đèn chiếu sáng", "UBND thị trấn", D(2020, 11, 30), "done", D(2020, 11, 25))]),
    ("BK-NR-CL2020", "periodic", D(2020, 11, 6), "Hội trường xã Cường Lợi", "Bí thư Đảng ủy xã", "Bí thư Đảng ủy",
     65, [("Đường vào bản Nà Cà sạt lở", "Xã đề nghị huyện hỗ trợ kinh phí")], []),
    ("BK-NR-KL", "ad_hoc", D(2020, 12, 3), "Bản Nà Giàng", "Chủ tịch UBND xã", "Phó Bí thư Đảng ủy", 40,
     [("Tranh chấp đất rừng giữa hai hộ", "Xã thành lập tổ hòa giải")], []),
    ("BK-NR", "periodic", D(2021, 8, 27), "Hội trường Huyện ủy", SECRETARY, "Bí thư Huyện ủy", 180,
     [("Tiến độ giải ngân vốn Chương trình 135 chậm", "Huyện giao Ban Quản lý dự án đẩy nhanh giải ngân"),
      ("Thiếu giáo viên tiếng Anh ở các trường tiểu học", "Huyện xây dựng kế hoạch tuyển dụng năm 2022")],
     [("Đẩy nhanh giải ngân vốn Chương trình 135", "Ban Quản lý dự án huyện", D(2021, 12, 31), "done",
       D(2021, 12, 20)),
      ("Kế hoạch tuyển dụng giáo viên tiếng Anh", "Phòng Nội vụ huyện", D(2022, 3, 31), "in_progress", None)]),
    ("BK-NR", "ad_hoc", D(2021, 4, 16), "Thị trấn Yến Lạc", "Chủ tịch UBND huyện", "Phó Bí thư Huyện ủy", 60,
     [("Bồi thường giải phóng mặt bằng đường tránh thị trấn", "Huyện rà soát lại đơn giá bồi thường")],
     [("Rà soát đơn giá bồi thường", "UBND huyện", D(2021, 6, 30), "done", D(2021, 6, 15))]),
    ("BK-NR-YL2020", "periodic", D(2021, 6, 11), "Nhà văn hóa tổ Phố Mới", "Bí thư Đảng ủy thị trấn",
     "Bí thư Đảng ủy", 85, [("Rác thải sinh hoạt chưa được thu gom đều", "Thị trấn tăng tần suất thu gom")],
     [("Tăng tần suất thu gom rác", "UBND thị trấn", D(2021, 7, 31), "done", D(2021, 7, 20))]),
    ("BK-NR-CL2020", "periodic", D(2021, 7, 2), "Hội trường xã Cường Lợi", "Bí thư Đảng ủy xã", "Bí thư Đảng ủy", 72,
     [("Đường vào bản Nà Cà sạt lở", "Đã có kế hoạch khắc phục trong năm 2021")],
     [("Khắc phục sạt lở đường vào bản Nà Cà", "UBND xã", D(2021, 10, 31), "done", D(2021, 10, 12))]),
    ("BK-NR-VLA", "periodic", D(2021, 7, 16), "Hội trường xã Văn Lang", "Bí thư Đảng ủy xã", "Bí thư Đảng ủy", 66,
     [("Nước sinh hoạt thiếu vào mùa khô", "Xã sửa chữa bể nước tập trung")],
     [("Sửa chữa bể nước tập trung", "UBND xã", D(2021, 12, 31), "open", None)]),
    ("BK-NR-TP", "periodic", D(2021, 8, 6), "Hội trường xã Trần Phú", "Bí thư Đảng ủy xã", "Bí thư Đảng ủy", 58,
     [("Giá thu mua hồi, quế thấp", "Xã phối hợp Hội Nông dân tìm đầu ra")], []),
    ("BK-NR-VV", "periodic", D(2021, 9, 10), "Hội trường xã Văn Vũ", "Bí thư Đảng ủy xã", "Bí thư Đảng ủy", 61,
     [("Sóng điện thoại yếu ở bản xa", "Xã đề nghị doanh nghiệp viễn thông lắp trạm")],
     [("Đề nghị lắp trạm phát sóng", "UBND xã", D(2021, 11, 30), "in_progress", None)]),
    ("BK-NR-ST", "periodic", D(2021, 9, 24), "Hội trường xã Sơn Thành", "Bí thư Đảng ủy xã", "Bí thư Đảng ủy", 55,
     [("Hỗ trợ làm nhà cho hộ nghèo", "Xã lập danh sách đề nghị huyện hỗ trợ")],
     [("Lập danh sách hộ nghèo cần hỗ trợ nhà ở", "UBND xã", D(2021, 10, 31), "done", D(2021, 10, 29))]),
    ("BK-NR-KL", "periodic", D(2021, 10, 8), "Hội trường xã Kim Lư", "Bí thư Đảng ủy xã", "Bí thư Đảng ủy", 63,
     [("Trường mầm non xuống cấp", "Xã đưa vào kế hoạch đầu tư công năm 2022")], []),
    ("BK-NR-CM", "ad_hoc", D(2021, 11, 19), "Bản Nà Dăm", "Chủ tịch UBND xã", "Phó Bí thư Đảng ủy", 35,
     [("Ô nhiễm từ cơ sở chế biến gỗ", "Xã kiểm tra và yêu cầu cơ sở khắc phục")],
     [("Kiểm tra cơ sở chế biến gỗ", "UBND xã", D(2021, 12, 15), "done", D(2021, 12, 1))]),
]

# (organization code, kind, field, name, year, launched, led by, result)
MODELS: list[tuple[str, str, str, str, int, int, str, str]] = [
    ("BK-NR-YL2020", "dan_van_kheo", "culture_society", "Tổ dân phố văn minh, sạch đẹp", 2020, 2019,
     "Hội Liên hiệp Phụ nữ thị trấn", "4 tổ dân phố đạt danh hiệu văn hóa"),
    ("BK-NR-CL2020", "dan_van_kheo", "economy", "Trồng cây quế theo hướng hữu cơ", 2020, 2018, "Hội Nông dân xã",
     "35 hộ tham gia, 42 ha"),
    ("BK-NR-KL", "dan_van_kheo", "economy", "Nuôi trâu vỗ béo", 2020, 2019, "Hội Cựu chiến binh xã", "18 hộ"),
    ("BK-NR-QS", "dan_van_kheo", "defence_security", "Quân dân chung tay xây dựng nông thôn mới", 2020, 2020,
     "Ban Chỉ huy Quân sự huyện", "Làm 2 km đường bê tông"),
    ("BK-NR-CA", "social", "defence_security", "Camera an ninh khu dân cư", 2020, 2020, "Công an huyện",
     "12 camera tại thị trấn"),
    ("BK-NR-YL2020", "dan_van_kheo", "culture_society", "Tổ dân phố văn minh, sạch đẹp", 2021, 2019,
     "Hội Liên hiệp Phụ nữ thị trấn", "6 tổ dân phố đạt danh hiệu văn hóa"),
    ("BK-NR-CL2020", "dan_van_kheo", "economy", "Trồng cây quế theo hướng hữu cơ", 2021, 2018, "Hội Nông dân xã",
     "51 hộ tham gia, 60 ha"),
    ("BK-NR-VLA", "dan_van_kheo", "economy", "Tổ hợp tác nuôi ong lấy mật", 2021, 2021, "Hội Nông dân xã",
     "12 hộ, 300 đàn ong"),
    ("BK-NR-TP", "dan_van_kheo", "political_system", "Chi bộ không có đảng viên vi phạm", 2021, 2020,
     "Đảng ủy xã", "8/8 chi bộ hoàn thành tốt nhiệm vụ"),
    ("BK-NR-ST", "dan_van_kheo", "culture_society", "Dòng họ khuyến học", 2021, 2021, "Hội Khuyến học xã",
     "5 dòng họ đăng ký"),
    ("BK-NR-QS", "dan_van_kheo", "defence_security", "Quân dân chung tay xây dựng nông thôn mới", 2021, 2020,
     "Ban Chỉ huy Quân sự huyện", "Làm 3,5 km đường bê tông"),
    ("BK-NR-CQUB", "dan_van_kheo", "political_system", "Bộ phận một cửa thân thiện", 2021, 2021,
     "UBND huyện", "Hồ sơ trả đúng hạn 98%"),
    ("BK-NR-KL", "economic", "economy", "Hợp tác xã chè Kim Lư", 2021, 2017, "Liên minh Hợp tác xã",
     "Sản phẩm OCOP 3 sao"),
    ("BK-NR-CM", "economic", "economy", "Nuôi cá lồng trên hồ", 2021, 2021, "Hội Nông dân xã", "6 lồng cá"),
    ("BK-NR-CA", "social", "defence_security", "Camera an ninh khu dân cư", 2021, 2020, "Công an huyện",
     "30 camera tại thị trấn và 2 xã"),
    ("BK-NR-DX", "social", "culture_society", "Tủ sách pháp luật ở bản", 2021, 2021, "Đoàn Thanh niên xã",
     "10 tủ sách"),
]


def load(actor: Any) -> None:
    for code, kind, on, place, chair, post, count, issues, follow_ups in DIALOGUES:
        organization = Organization.objects.filter(code=code).first()
        if organization is None or Dialogue.objects.filter(organization=organization, held_on=on).exists():
            continue
        data = DialogueInput(kind=kind, held_on=on, place=place, chair=chair, chair_title=post, participants=count,
                             issues=[IssueInput(text, answer, answered_by=chair) for text, answer in issues],
                             follow_ups=[FollowUpInput(action, owner, due, issue=0, status=status, done_on=done)
                                         for action, owner, due, status, done in follow_ups])
        dialogue_record(actor=actor, organization=organization, data=data, reason=REASON)
    for code, kind, field, name, year, launched, led_by, result in MODELS:
        organization = Organization.objects.filter(code=code).first()
        if organization is None or MobilisationModel.objects.filter(organization=organization, year=year,
                                                                    name=name).exists():
            continue
        model_register(actor=actor, organization=organization, reason=REASON,
                       data=ModelInput(kind, field, name, year, launched, led_by, result))
