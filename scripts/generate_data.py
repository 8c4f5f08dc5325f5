"""Vietnamese words of the benchmark data generator (scripts/generate.py): names, places, donors,
funds, texts. Plain data and small pure helpers, no Odoo."""

import math
import unicodedata

# Family names (họ) with their approximate share of the population, in percent.
FAMILY_NAMES = {
    "Nguyễn": 38.4,
    "Trần": 11.0,
    "Lê": 9.5,
    "Phạm": 7.0,
    "Hoàng": 4.0,
    "Huỳnh": 3.5,
    "Phan": 4.5,
    "Vũ": 3.5,
    "Võ": 3.0,
    "Đặng": 2.1,
    "Bùi": 2.0,
    "Đỗ": 1.4,
    "Hồ": 1.3,
    "Ngô": 1.3,
    "Dương": 1.0,
    "Lý": 0.5,
    "Đinh": 0.6,
    "Đào": 0.5,
    "Mai": 0.4,
    "Trịnh": 0.4,
    "Lương": 0.3,
    "Cao": 0.3,
    "Hà": 0.3,
    "Lâm": 0.3,
    "Tạ": 0.2,
    "Chu": 0.2,
    "Kiều": 0.1,
    "Quách": 0.1,
    "Tô": 0.2,
    "Đoàn": 0.4,
}
MIDDLE_MALE = [
    "Văn",
    "Văn",
    "Văn",
    "Đức",
    "Minh",
    "Quang",
    "Hữu",
    "Công",
    "Thành",
    "Xuân",
    "Ngọc",
    "Gia",
    "Anh",
    "Thanh",
    "Tuấn",
    "Hoàng",
    "Trọng",
    "Đình",
    "Mạnh",
    "Bá",
]
MIDDLE_FEMALE = [
    "Thị",
    "Thị",
    "Thị",
    "Ngọc",
    "Thu",
    "Thanh",
    "Minh",
    "Hồng",
    "Phương",
    "Mai",
    "Kim",
    "Bích",
    "Diệu",
    "Khánh",
    "Thùy",
    "Hoài",
    "Bảo",
    "Lan",
    "Quỳnh",
    "Hải",
]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khang",
    "Khoa",
    "Kiên",
    "Long",
    "Lâm",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Tài",
    "Thắng",
    "Thịnh",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Duy",
    "Hưng",
    "Khôi",
    "Lộc",
    "Tùng",
    "Thành",
    "Quang",
    "Tiến",
    "Bảo",
    "Đức",
]
GIVEN_FEMALE = [
    "Anh",
    "Châu",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hồng",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quỳnh",
    "Thảo",
    "Thu",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Yến",
    "Huyền",
    "Lệ",
    "Nhi",
    "Diệp",
    "Trâm",
    "Vy",
    "Xuân",
    "Hiền",
    "Tâm",
]

# Provinces (before the 2025 merger, as people still write them) with the 3-digit code of the
# personal identification number (Circular 07/2016/TT-BCA). The hospital is in Nam Định: most of
# its patients come from there and the neighbouring provinces.
PROVINCES = {
    "Nam Định": "036",
    "Thái Bình": "034",
    "Ninh Bình": "037",
    "Hà Nam": "035",
    "Hà Nội": "001",
    "Hải Phòng": "031",
    "Hải Dương": "030",
    "Hưng Yên": "033",
    "Thanh Hóa": "038",
    "Nghệ An": "040",
    "Hà Tĩnh": "042",
    "Quảng Ninh": "022",
    "Bắc Ninh": "027",
    "Bắc Giang": "024",
    "Phú Thọ": "025",
    "Thái Nguyên": "019",
    "Hòa Bình": "017",
    "Sơn La": "014",
    "Lào Cai": "010",
    "Hà Giang": "002",
    "Quảng Bình": "044",
    "Thừa Thiên Huế": "046",
    "Đà Nẵng": "048",
    "Gia Lai": "064",
    "Đắk Lắk": "066",
    "TP. Hồ Chí Minh": "079",
    "Đồng Nai": "075",
    "Cần Thơ": "092",
    "An Giang": "089",
    "Sóc Trăng": "094",
}
HOME_PROVINCES = {"Nam Định": 60, "Thái Bình": 9, "Ninh Bình": 8, "Hà Nam": 8}
COMMUNE_NAMES = [
    "Hải Hậu",
    "Giao Thủy",
    "Xuân Trường",
    "Trực Ninh",
    "Nghĩa Hưng",
    "Ý Yên",
    "Vụ Bản",
    "Mỹ Lộc",
    "Nam Trực",
    "Lộc Hòa",
    "Cửa Bắc",
    "Trần Hưng Đạo",
    "Năng Tĩnh",
    "Quang Trung",
    "Hải Thịnh",
    "Giao Lạc",
    "Xuân Ninh",
    "Nghĩa Lâm",
    "Yên Phong",
    "Liên Minh",
    "Đồng Sơn",
    "Tân Thành",
    "Hồng Quang",
    "Thịnh Long",
    "Quất Lâm",
    "Cổ Lễ",
    "Rạng Đông",
    "Lâm",
    "Gôi",
    "Liễu Đề",
]
STREETS = [
    "Trần Hưng Đạo",
    "Lê Hồng Phong",
    "Hùng Vương",
    "Trường Chinh",
    "Nguyễn Du",
    "Lý Thường Kiệt",
    "Quang Trung",
    "Điện Biên",
    "Hoàng Văn Thụ",
    "Phạm Ngũ Lão",
    "Trần Nhân Tông",
    "Văn Cao",
]

# Clinical departments (hr.department) and the case types / vulnerable groups they see most.
DEPARTMENTS = [
    "Khoa Khám bệnh",
    "Khoa Cấp cứu",
    "Khoa Nội tổng hợp",
    "Khoa Ngoại tổng hợp",
    "Khoa Sản",
    "Khoa Nhi",
    "Khoa Ung bướu",
    "Khoa Hồi sức tích cực - Chống độc",
    "Khoa Truyền nhiễm",
    "Khoa Tim mạch",
    "Khoa Thận nhân tạo",
    "Khoa Chấn thương chỉnh hình",
    "Khoa Thần kinh",
    "Khoa Tâm thần",
    "Khoa Lão khoa",
    "Khoa Y học cổ truyền",
    "Khoa Phục hồi chức năng",
    "Khoa Huyết học",
    "Khoa Mắt",
    "Khoa Tai Mũi Họng",
]
GROUP_DEPARTMENT = {
    "oncology": "Khoa Ung bướu",
    "palliative": "Khoa Ung bướu",
    "paediatrics": "Khoa Nhi",
    "obstetrics": "Khoa Sản",
    "psychiatry": "Khoa Tâm thần",
    "elderly_alone": "Khoa Lão khoa",
}
TEAM_AREAS = [
    "khối Nội",
    "khối Ngoại",
    "Sản - Nhi",
    "Ung bướu",
    "Cấp cứu",
    "Tiếp đón",
    "Lão khoa",
    "Truyền nhiễm",
    "Thận - Lọc máu",
    "Tâm thần kinh",
    "Hồi sức",
    "Chấn thương",
    "Y học cổ truyền",
    "Phục hồi chức năng",
    "Huyết học",
    "Tim mạch",
    "Mắt - Tai Mũi Họng",
    "Khám bệnh",
    "cơ sở 2",
    "cơ sở 3",
]

# Case types (codes of ctxh_case's data) with their share of a hospital's cases, in percent.
CASE_TYPES = {
    "financial": 30,
    "serious_illness": 22,
    "psychosocial": 14,
    "discharge": 12,
    "violence": 6,
    "child_protection": 5,
    "abandoned": 3,
    "unidentified": 3,
}
# Vulnerable groups a case type brings with it: (group code, probability)
TYPE_GROUPS = {
    "serious_illness": [("oncology", 0.5), ("palliative", 0.12)],
    "psychosocial": [("psychiatry", 0.4)],
    "violence": [("violence", 1.0), ("obstetrics", 0.1)],
    "child_protection": [("child_protection", 1.0), ("paediatrics", 0.9)],
    "abandoned": [("abandoned", 1.0), ("paediatrics", 1.0)],
    "financial": [("oncology", 0.15)],
    "discharge": [("elderly_alone", 0.3)],
}
COMMON_GROUPS = [
    ("poor", 0.35),
    ("ethnic_minority", 0.07),
    ("elderly_alone", 0.08),
    ("disability", 0.07),
    ("obstetrics", 0.05),
    ("paediatrics", 0.06),
]
DIAGNOSIS_GROUPS = [
    "Ung thư phổi",
    "Ung thư vú",
    "Ung thư gan",
    "Suy thận mạn",
    "Đột quỵ",
    "Xơ gan",
    "Bệnh tim bẩm sinh",
    "Tai nạn giao thông",
    "Bỏng",
    "Lao phổi",
    "Đái tháo đường",
    "Thalassemia",
    "Sinh non",
    "Viêm phổi nặng",
    "Chấn thương sọ não",
]
PRESENTING = {
    "financial": "Gia đình không đủ tiền đóng viện phí, cần hỗ trợ chi phí điều trị.",
    "serious_illness": "Người bệnh mắc bệnh hiểm nghèo, điều trị dài ngày, gia đình kiệt quệ.",
    "psychosocial": "Người bệnh lo âu, trầm cảm sau chẩn đoán, cần hỗ trợ tâm lý.",
    "discharge": "Người bệnh đủ điều kiện ra viện nhưng không có người đón, cần hỗ trợ tái hòa nhập.",
    "violence": "Người bệnh nhập viện do bị bạo lực gia đình, cần sàng lọc và kế hoạch an toàn.",
    "child_protection": "Trẻ em có dấu hiệu bị xâm hại, cần thông báo và bảo vệ khẩn cấp.",
    "abandoned": "Trẻ sơ sinh bị bỏ rơi tại bệnh viện, chưa rõ cha mẹ.",
    "unidentified": "Người bệnh không xác định được danh tính, không có người thân đi cùng.",
}
PERPETRATORS = ["Chồng", "Vợ", "Cha", "Mẹ kế", "Con trai", "Anh trai", "Bố dượng"]
INTAKE_SOURCES = {
    "walk_in": 25,
    "department": 40,
    "emergency": 15,
    "hotline": 6,
    "police": 3,
    "other_hospital": 6,
    "community": 5,
}
CLOSURE_REASONS = {  # code: (share, outcomes)
    "goals_met": (
        45,
        [
            "Người bệnh đã được hỗ trợ viện phí, điều trị ổn định.",
            "Mục tiêu kế hoạch can thiệp đã đạt; gia đình tự chăm sóc được.",
        ],
    ),
    "discharged": (
        30,
        [
            "Người bệnh ra viện, đã kết nối chính quyền địa phương theo dõi.",
            "Ra viện ổn định, được hỗ trợ chi phí đi lại về nhà.",
        ],
    ),
    "transferred": (8, ["Chuyển tuyến điều trị, đã bàn giao hồ sơ cho phòng CTXH nơi tiếp nhận."]),
    "died": (5, ["Người bệnh tử vong; đã hỗ trợ gia đình thủ tục và chi phí mai táng."]),
    "lost_contact": (7, ["Mất liên lạc với người bệnh và gia đình sau ra viện."]),
    "refused": (5, ["Người bệnh từ chối tiếp tục nhận dịch vụ công tác xã hội."]),
}
CANCEL_REASONS = [
    "Trùng hồ sơ đã mở trước đó.",
    "Người bệnh chuyển viện trước khi tiếp nhận.",
    "Tiếp nhận nhầm, không thuộc đối tượng công tác xã hội.",
]
INTERVENTION_TYPES = {  # code: share (tuned per case type below)
    "counselling": 25,
    "psychological_support": 12,
    "guidance_escort": 20,
    "material_support": 18,
    "legal_aid": 5,
    "discharge_support": 8,
    "family_tracing": 3,
    "referral": 9,
}
TYPE_INTERVENTIONS = {
    "financial": {"material_support": 30},
    "serious_illness": {"psychological_support": 15, "material_support": 20},
    "psychosocial": {"psychological_support": 40, "counselling": 30},
    "discharge": {"discharge_support": 40},
    "violence": {"legal_aid": 25, "psychological_support": 25, "referral": 15},
    "child_protection": {"referral": 30, "legal_aid": 15},
    "abandoned": {"legal_aid": 20, "family_tracing": 20, "referral": 20},
    "unidentified": {"family_tracing": 50, "referral": 10},
}
OUTCOMES = [
    "Người bệnh và gia đình yên tâm điều trị.",
    "Đã hướng dẫn thủ tục bảo hiểm y tế.",
    "Đã kết nối nhà hảo tâm.",
    "Người bệnh hợp tác tốt.",
    "Cần theo dõi thêm.",
    "Đã phối hợp khoa điều trị.",
    "Gia đình đồng ý kế hoạch hỗ trợ.",
]

# Service log: kinds and their share.
SERVICE_KINDS = {"reception": 35, "guidance": 30, "escort": 15, "admission_handover": 10, "consultation": 10}
SERVICE_NOTES = [
    "Hướng dẫn làm thủ tục nhập viện.",
    "Đưa người bệnh đi chụp X-quang.",
    "Tư vấn qua đường dây nóng.",
    "Hướng dẫn nơi khám BHYT.",
    "Tiếp đón người bệnh cao tuổi.",
    "Đón người bệnh từ khoa Cấp cứu.",
    "Giải đáp thắc mắc viện phí.",
]

# Funds: (name, restricted to case types, restricted to vulnerable groups, held on behalf of
# patients (liability booking), share of the gifts)
FUNDS = [
    ("Quỹ Hỗ trợ người bệnh nghèo", (), (), False, 20),
    ("Quỹ Bếp ăn tình thương", (), (), False, 12),
    ("Quỹ Tiếp sức người bệnh ung thư", ("serious_illness",), ("oncology", "palliative"), False, 10),
    ("Quỹ Vòng tay nhân ái", (), (), True, 8),
    ("Quỹ Vì trẻ em", ("child_protection", "abandoned"), ("paediatrics",), False, 6),
    ("Quỹ Chắp cánh ước mơ", (), ("paediatrics",), False, 4),
    ("Quỹ Hỗ trợ người bệnh chạy thận", ("serious_illness", "financial"), (), False, 4),
    ("Quỹ Mái ấm người già neo đơn", (), ("elderly_alone",), False, 3),
    ("Quỹ Hỗ trợ nạn nhân bạo lực gia đình", ("violence",), ("violence",), False, 2),
    ("Quỹ Xe nghĩa tình", (), (), False, 4),
    ("Quỹ Áo ấm mùa đông", (), (), False, 2),
    ("Quỹ Tết yêu thương", (), (), False, 6),
    ("Quỹ Hỗ trợ sản phụ khó khăn", (), ("obstetrics",), False, 3),
    ("Quỹ Tủ thuốc nhân ái", (), (), False, 4),
    ("Quỹ Hỗ trợ người bệnh tâm thần", ("psychosocial",), ("psychiatry",), False, 2),
    ("Quỹ Chăm sóc giảm nhẹ", (), ("palliative",), False, 2),
    ("Quỹ Hỗ trợ người khuyết tật", (), ("disability",), False, 2),
    ("Quỹ Đồng hành cùng đồng bào dân tộc thiểu số", (), ("ethnic_minority",), False, 2),
    ("Quỹ Khẩn cấp", (), (), False, 3),
    ("Quỹ Tiền nhà hảo tâm gửi giữ hộ người bệnh", (), (), True, 4),
]
# Donors: type -> (share of the gifts, pool size per 1,000 gifts, amount range in VND)
DONOR_TYPES = {
    "individual": (70, 220, (50_000, 5_000_000)),
    "business": (14, 25, (2_000_000, 50_000_000)),
    "religious": (8, 4, (1_000_000, 30_000_000)),
    "ngo": (5, 5, (3_000_000, 50_000_000)),
    "foreign": (3, 5, (500_000, 20_000_000)),
}
BUSINESS_KINDS = [
    "Công ty TNHH",
    "Công ty TNHH",
    "Công ty Cổ phần",
    "Công ty TNHH MTV",
    "Doanh nghiệp tư nhân",
]
BUSINESS_TRADES = [
    "Thương mại Dịch vụ",
    "Xây dựng",
    "Dược phẩm",
    "Vận tải",
    "Thực phẩm",
    "May mặc",
    "Điện máy",
    "Công nghệ",
    "Vật liệu xây dựng",
    "Nông sản",
    "Du lịch",
    "Thiết bị y tế",
]
BRANDS = [
    "Ánh Dương",
    "Hưng Thịnh",
    "Phú Gia",
    "Minh Long",
    "Thành Đạt",
    "An Phát",
    "Tân Tiến",
    "Hoàng Long",
    "Sao Mai",
    "Việt Tiến",
    "Nam Việt",
    "Hòa Bình",
    "Phúc An",
    "Trường Sơn",
    "Đại Phát",
    "Kim Ngân",
    "Bảo Châu",
    "Thiên Phú",
    "Gia Khang",
    "Đông Á",
    "Thái Sơn",
    "Hồng Hà",
    "Sông Hồng",
    "Vạn Xuân",
    "Lạc Hồng",
]
BANKS = [
    "Ngân hàng TMCP Công thương Việt Nam",
    "Ngân hàng TMCP Ngoại thương Việt Nam",
    "Ngân hàng Nông nghiệp và Phát triển Nông thôn",
    "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam",
]
PAGODAS = [
    "Phúc Lâm",
    "Linh Quang",
    "Hưng Long",
    "Phổ Quang",
    "Thiên Phúc",
    "Diên Phúc",
    "Long Hưng",
    "Bảo Quang",
    "Quảng Nghiêm",
    "Kim Liên",
    "Cổ Lễ",
    "Keo Hành Thiện",
    "Phổ Minh",
    "Vĩnh Nghiêm",
    "An Lạc",
    "Thanh Quang",
    "Đại Bi",
    "Thần Quang",
    "Phúc Hải",
    "Hải Quang",
    "Ngọc Nam",
    "Từ Quang",
]
PARISHES = [
    "Kiên Lao",
    "Trà Lũ",
    "Phú Nhai",
    "Quần Phương",
    "Ninh Cường",
    "Hưng Nghĩa",
    "Bùi Chu",
    "Khoái Đồng",
    "Phát Diệm",
    "Lạc Đạo",
    "Thánh Tâm",
    "Văn Lý",
    "Tân Châu",
    "Hải Nhuận",
    "Liên Thủy",
]
NGO_PATTERNS = [
    "Câu lạc bộ Thiện nguyện {place}",
    "Hội Chữ thập đỏ xã {place}",
    "Hội Phụ nữ xã {place}",
    "Hội Cựu chiến binh xã {place}",
    "Đoàn Thanh niên xã {place}",
    "Nhóm thiện nguyện {brand}",
    "Quỹ Từ thiện {brand}",
    "Câu lạc bộ Doanh nhân {brand}",
]
ABROAD = {
    "Nhật Bản": "jp",
    "Hàn Quốc": "kr",
    "Đức": "de",
    "Pháp": "fr",
    "Úc": "au",
    "Hoa Kỳ": "us",
    "Canada": "ca",
    "Cộng hòa Séc": "cz",
    "Ba Lan": "pl",
    "Đài Loan": "tw",
    "Anh": "uk",
}
ABROAD_GROUPS = [
    "Hội người Việt Nam tại",
    "Cộng đồng người Việt tại",
    "Hội Doanh nhân Việt Nam tại",
    "Hội Sinh viên Việt Nam tại",
]


def religious_name(rng):
    roll = rng.random()
    if roll < 0.5:
        return f"{'Chùa' if roll < 0.42 else 'Tịnh xá'} {rng.choice(PAGODAS)}"
    if roll < 0.85:
        return f"Giáo xứ {rng.choice(PARISHES)}"
    if roll < 0.93:
        return f"Hội Thánh Tin Lành chi hội {rng.choice(list(PROVINCES))}"
    return f"Thánh thất Cao Đài {rng.choice(list(PROVINCES))}"


def ngo_name(rng):
    return rng.choice(NGO_PATTERNS).format(place=rng.choice(COMMUNE_NAMES), brand=rng.choice(BRANDS))


# Allocations: support type code -> (share, amount range in VND)
SUPPORT_TYPES = {
    "hospital_fees": (38, (500_000, 20_000_000)),
    "medicine": (15, (200_000, 5_000_000)),
    "meals": (12, (100_000, 1_500_000)),
    "transport": (10, (100_000, 2_000_000)),
    "emergency_cash": (10, (500_000, 5_000_000)),
    "tet_gift": (10, (300_000, 1_000_000)),
    "funeral": (3, (2_000_000, 10_000_000)),
    "over_threshold": (2, (10_500_000, 30_000_000)),  # hospital fees of a long stay: second approval
}

# Volunteers
ORGANISATIONS = [
    "Trường Đại học Điều dưỡng Nam Định",
    "Trường Cao đẳng Y tế Nam Định",
    "Đoàn Thanh niên Bệnh viện",
    "Hội Chữ thập đỏ phường Trần Hưng Đạo",
    "Câu lạc bộ Tình nguyện viên Áo xanh",
    "Chùa Cổ Lễ - Ban từ thiện",
    "Trường Đại học Kinh tế - Kỹ thuật Công nghiệp",
    "Hội Phụ nữ phường Năng Tĩnh",
]
POSTS = [  # name, location, required skill codes, self sign-up
    ("Bàn tiếp đón", "Sảnh khoa Khám bệnh, tầng 1", ("patient_guidance",), False),
    ("Hướng dẫn khám ngoại trú", "Khu khám ngoại trú", (), True),
    ("Thăm bệnh phòng", "Các khoa nội trú", ("psychosocial",), False),
    ("Phát cơm từ thiện", "Nhà ăn từ thiện, cổng số 2", ("food_hygiene",), True),
    ("Hỗ trợ khoa Cấp cứu", "Khoa Cấp cứu", ("first_aid",), False),
    ("Góc đọc sách thiếu nhi", "Khoa Nhi, tầng 3", (), True),
    ("Hỗ trợ thủ tục bảo hiểm y tế", "Quầy BHYT, tầng 1", ("patient_guidance",), False),
    ("Trực đêm khoa Cấp cứu", "Khoa Cấp cứu", ("first_aid",), False),
]
# Shift slots: name, start, end (local hours; an end before the start is the next day)
SLOTS = [
    ("sáng", 7.0, 11.0),
    ("sáng", 7.5, 11.5),
    ("chiều", 13.5, 17.0),
    ("trưa", 10.5, 13.0),
    ("tối", 17.0, 20.0),
]
NIGHT_SLOT = ("đêm", 19.0, 7.0)
WEEK_PATTERNS = [  # name, weekdays (0 = Monday)
    ("ngày thường", (0, 1, 2, 3, 4)),
    ("thứ 2-4-6", (0, 2, 4)),
    ("thứ 3-5", (1, 3)),
    ("cuối tuần", (5, 6)),
    ("hằng ngày", (0, 1, 2, 3, 4, 5, 6)),
]
SKILLS = {
    "patient_guidance": 0.7,
    "first_aid": 0.35,
    "psychosocial": 0.35,
    "food_hygiene": 0.45,
    "sign_language": 0.03,
}
LANGUAGES = {"english": 0.2, "khmer": 0.02, "hmong": 0.02}

# A scanned signed receipt (a one-page PDF), attached to the cash support that needs one.
SIGNED_RECEIPT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
    b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def ascii_slug(text):
    """'Nguyễn Thị Đào' -> 'nguyen thi dao'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def weighted(rng, table):
    """One key of ``table`` ({key: weight}) drawn with its weight."""
    keys = list(table)
    return rng.choices(keys, [table[key] for key in keys])[0]


def person_name(rng, female=None):
    """(full name, female) of a Vietnamese person: họ, tên đệm, tên."""
    if female is None:
        female = rng.random() < 0.5
    family = weighted(rng, FAMILY_NAMES)
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    return f"{family} {middle} {given}", female


def nice_amount(rng, low, high):
    """An amount in VND between ``low`` and ``high`` (log-uniform: many small gifts, few large
    ones), rounded as people give it: to 10,000 below a million, 50,000 below five million,
    100,000 below twenty million, 500,000 above; some to the thousand (a bank transfer of
    1,234,000). Always a multiple of 1,000."""
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    if rng.random() < 0.12:
        step = 1_000
    elif value < 1_000_000:
        step = 10_000
    elif value < 5_000_000:
        step = 50_000
    elif value < 20_000_000:
        step = 100_000
    else:
        step = 500_000
    return int(min(high, max(low, round(value / step) * step)))


def vn_mobile(rng):
    return rng.choice(["09", "03", "08", "07", "05"]) + "".join(rng.choice("0123456789") for _ in range(8))


def national_id(rng, province, female, year):
    """A 12-digit CCCD number: province code, gender and century, year, 6 digits."""
    century = 0 if year < 2000 else 2
    return f"{PROVINCES[province]}{century + (1 if female else 0)}{year % 100:02d}{rng.randrange(10**6):06d}"


def insurance_card(rng, province):
    """A 15-character health insurance card code and the benefit level it gives."""
    group, level = rng.choice(
        [
            ("HN", "1"),
            ("TE", "1"),
            ("CN", "2"),
            ("HT", "2"),
            ("DN", "4"),
            ("GD", "4"),
            ("HS", "4"),
            ("NO", "3"),
            ("XB", "3"),
        ]
    )
    benefit = {"1": "100", "2": "100", "3": "95", "4": "80"}[level]
    number = "".join(rng.choice("0123456789") for _ in range(10))
    return f"{group}{level}{PROVINCES[province][1:]}{number}", benefit
