<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>Cổng thông tin điện tử huyện Phước Sơn - Tin tức</title>
<link>{{BASE}}/</link>
<description>Tin tức - Sự kiện huyện Phước Sơn (trang mẫu)</description>
<item>
<title>Sôi nổi Ngày hội Văn hóa – Thể thao đồng bào Bh’noong huyện Phước Sơn lần thứ V</title>
<link>{{BASE}}/tin-tuc/2106-soi-noi-ngay-hoi-van-hoa-the-thao-dong-bao-bhnoong-lan-thu-v.aspx</link>
<description>Từ ngày 19 đến 21/4, tại thị trấn Khâm Đức, huyện Phước Sơn long trọng tổ chức Ngày hội Văn hóa – Thể thao đồng bào Bh’noong lần thứ V, thu hút gần 500 diễn viên, vận động viên đến từ 12 xã, thị trấn.</description>
<pubDate>Mon, 22 Apr 2024 17:00:00 +0700</pubDate>
</item>
<item>
<title>Hỗ trợ hơn 150.000 cây keo giống cho đồng bào trồng rừng sản xuất</title>
<link>{{BASE}}/tin-tuc/2105-ho-tro-hon-150000-cay-keo-giong-cho-dong-bao-trong-rung.aspx</link>
<description>Thực hiện kế hoạch trồng rừng năm 2024, Hạt Kiểm lâm huyện Phước Sơn phối hợp với UBND các xã cấp phát hơn 150.000 cây keo giống cho 210 hộ dân, chủ yếu là đồng bào dân tộc thiểu số.</description>
<pubDate>Tue, 09 Apr 2024 08:45:00 +0700</pubDate>
</item>
<item>
<title>Khánh thành điểm trường mầm non thôn 4, xã Phước Kim</title>
<link>{{BASE}}/tin-tuc/2104-khanh-thanh-diem-truong-mam-non-thon-4-xa-phuoc-kim.aspx</link>
<description>Sáng ngày 27/3, UBND xã Phước Kim phối hợp với Phòng Giáo dục và Đào tạo huyện tổ chức lễ khánh thành, đưa vào sử dụng điểm trường mầm non thôn 4 thuộc Trường Mẫu giáo Phước Kim.</description>
<pubDate>Thu, 28 Mar 2024 10:00:00 +0700</pubDate>
</item>
<item>
<title>Triển khai kế hoạch truy quét, chống khai thác vàng trái phép năm 2024</title>
<link>{{BASE}}/tin-tuc/2103-trien-khai-ke-hoach-truy-quet-khai-thac-vang-trai-phep-nam-2024.aspx</link>
<description>Chiều ngày 14/3, UBND huyện Phước Sơn tổ chức cuộc họp triển khai kế hoạch kiểm tra, truy quét hoạt động khai thác vàng trái phép trên địa bàn huyện năm 2024.</description>
<pubDate>Fri, 15 Mar 2024 15:30:00 +0700</pubDate>
</item>
<item>
<title>Huyện Phước Sơn chú trọng phát triển đảng viên ở vùng đồng bào dân tộc thiểu số</title>
<link>{{BASE}}/tin-tuc/2101-huyen-phuoc-son-chu-trong-phat-trien-dang-vien-vung-dong-bao.aspx</link>
<description>Năm 2023, Đảng bộ huyện Phước Sơn kết nạp 112 đảng viên mới, trong đó hơn 70% là người đồng bào dân tộc thiểu số. Nhiều thôn từng “trắng” đảng viên nay đã có chi bộ sinh hoạt độc lập.</description>
<pubDate>Thu, 07 Mar 2024 09:00:00 +0700</pubDate>
</item>
</channel>
</rss>
