"""Near-duplicate identity of texts: noise stripping, shingles, signatures, the best copy.

The stories here are also used by test_archive_dedup.py.
"""

from crawler.store.dedup import (
    DedupSettings,
    band_keys,
    content_hash,
    copy_rank,
    signature,
    similarity,
    strip_noise,
)

FOOTER = (
    "Mọi thông tin phản ánh xin gửi về Ban biên tập Cổng thông tin điện tử huyện Phước Sơn.\n"
    "Ghi rõ nguồn khi phát hành lại thông tin từ cổng thông tin điện tử này."
)

ROAD_STORY = (
    "Sáng nay, UBND huyện Phước Sơn tổ chức hội nghị tổng kết công tác giảm nghèo bền vững "
    "giai đoạn 2021 - 2025.\n"
    "Theo báo cáo, đến cuối năm 2024 toàn huyện còn 2.145 hộ nghèo, chiếm 26,8% tổng số hộ, "
    "giảm 9,4% so với đầu giai đoạn. Nguồn vốn chương trình mục tiêu quốc gia đã hỗ trợ làm mới "
    "38 km đường giao thông nông thôn, 12 công trình nước sinh hoạt tập trung và 5 trường học "
    "tại các xã Phước Chánh, Phước Công, Phước Kim và Phước Thành.\n"
    "Phát biểu tại hội nghị, ông Hồ Văn Nin, Phó Chủ tịch UBND huyện, đề nghị các xã rà soát "
    "lại từng hộ nghèo, tìm nguyên nhân cụ thể để có giải pháp hỗ trợ sinh kế phù hợp, ưu tiên "
    "trồng sâm Ngọc Linh dưới tán rừng và chăn nuôi bò sinh sản.\n"
    "Dịp này, huyện khen thưởng 15 tập thể và 27 cá nhân có thành tích xuất sắc trong phong "
    "trào cả nước chung tay vì người nghèo."
)

FLOOD_STORY = (
    "Sáng nay, UBND huyện Phước Sơn tổ chức hội nghị triển khai phương án phòng chống thiên tai "
    "mùa mưa bão năm 2024.\n"
    "Theo Ban Chỉ huy phòng chống thiên tai huyện, trên địa bàn hiện có 46 điểm có nguy cơ sạt "
    "lở đất cao, tập trung ở thị trấn Khâm Đức và các xã Phước Xuân, Phước Hòa, Phước Mỹ với "
    "hơn 600 hộ dân cần di dời khi có mưa lớn kéo dài.\n"
    "Huyện đã dự trữ 20 tấn gạo, hai xuồng máy cùng áo phao, nhà bạt và thuốc men tại các xã "
    "vùng cao; lực lượng quân sự, công an thường trực 24/24 giờ trong những ngày mưa lũ.\n"
    "Lãnh đạo huyện yêu cầu các xã kiểm tra hệ thống cảnh báo, thông báo kịp thời cho người dân "
    "và không để xảy ra thiệt hại về người do chủ quan."
)


def edited_copy() -> str:
    """ROAD_STORY as the province portal republished it: agency prefix, dateline, one sentence
    added, one reworded, a byline."""
    lines = ROAD_STORY.split("\n")
    lines[0] = "(QNO) - " + lines[0]
    lines[2] = lines[2].replace("đề nghị các xã", "yêu cầu UBND các xã")
    lines.insert(3, "Nhiều hộ dân đã chủ động vay vốn ưu đãi để mở rộng sản xuất, thoát nghèo.")
    return "Thứ Hai, 16/12/2024 08:15 (GMT+7)\n" + "\n".join(lines) + "\nHOÀNG LIÊN"


SETTINGS = DedupSettings()


def test_content_hash_ignores_whitespace_and_unicode_form():
    decomposed = "Hội nghị tổng kết".replace("ộ", "ô\u0323")
    assert content_hash(f"  {decomposed}\n\n năm 2024 ") == content_hash(
        "Hội nghị tổng kết năm 2024"
    )
    assert content_hash("năm 2024") != content_hash("năm 2025")


def test_agency_prefix_dateline_and_byline_are_noise():
    cleaned = strip_noise(edited_copy())
    assert cleaned.startswith("Sáng nay, UBND huyện Phước Sơn")
    assert "QNO" not in cleaned and "16/12/2024" not in cleaned and "HOÀNG LIÊN" not in cleaned
    assert strip_noise("QNP - Chiều 5.3, đoàn công tác…\nTheo TTXVN") == "Chiều 5.3, đoàn công tác…"


def test_edited_copy_is_similar_and_distinct_stories_are_not():
    original = signature(ROAD_STORY, SETTINGS)
    assert similarity(original, signature(edited_copy(), SETTINGS)) >= 0.6
    other = signature(FLOOD_STORY + "\n" + FOOTER, SETTINGS)
    assert similarity(signature(ROAD_STORY + "\n" + FOOTER, SETTINGS), other) < 0.2


def test_signatures_are_stable_and_fold_marks():
    assert signature(ROAD_STORY, SETTINGS) == signature(ROAD_STORY, SETTINGS)
    assert signature(ROAD_STORY, SETTINGS) == signature(ROAD_STORY.upper(), SETTINGS)
    assert len(band_keys(signature(ROAD_STORY, SETTINGS), SETTINGS)) == SETTINGS.bands


def test_short_texts_get_no_signature():
    assert signature("Sáng nay, UBND huyện Phước Sơn tổ chức hội nghị.", SETTINGS) is None


def test_best_copy_is_earliest_then_paper_then_longest():
    assert copy_rank("2024-12-15", "district", "a") < copy_rank("2024-12-16T07:00", "paper", "a")
    assert copy_rank("2024-12-16T09:00", "paper", "a") < copy_rank("2024-12-16", "government", "a")
    assert copy_rank("2024-12-16", "paper", "ab") < copy_rank("2024-12-16", "paper", "a")
    assert copy_rank(None, "paper", "a") > copy_rank("2024-12-16", "other", "a")


def test_settings_come_from_scrapy_style_names():
    settings = DedupSettings.from_settings({"DEDUP_THRESHOLD": "0.5", "DEDUP_BANDS": 16})
    assert (settings.threshold, settings.bands, settings.shingle) == (0.5, 16, 3)
