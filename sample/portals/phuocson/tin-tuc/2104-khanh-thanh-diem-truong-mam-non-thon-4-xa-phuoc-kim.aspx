<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Khánh thành điểm trường mầm non thôn 4, xã Phước Kim - Cổng thông tin điện tử huyện Phước Sơn</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Khánh thành điểm trường mầm non thôn 4, xã Phước Kim">
<link href="/Portals/_default/default.css" type="text/css" rel="stylesheet">
</head>
<body bgcolor="#ffffff" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="980" border="0" cellpadding="0" cellspacing="0" align="center" id="Body">
<tr><td colspan="2"><img src="/Portals/0/banner-phuoc-son.png" width="980" height="120" alt="Cổng thông tin điện tử huyện Phước Sơn" border="0"></td></tr>
<tr><td colspan="2" class="MenuNgang" bgcolor="#2e7d32" height="28">
 <font face="Arial" size="2" color="#ffffff">&nbsp;<a class="MenuTop" href="/">TRANG CHỦ</a> | <a class="MenuTop" href="/gioi-thieu.aspx">GIỚI THIỆU</a> | <a class="MenuTop" href="/tin-tuc.aspx">TIN TỨC - SỰ KIỆN</a> | <a class="MenuTop" href="/lien-he.aspx">LIÊN HỆ</a></font>
</td></tr>
<tr>
<td width="200" valign="top" class="LeftPane">
<table width="100%" cellpadding="0" cellspacing="0" border="0" class="MenuTrai">
<tr><td class="TieuDeMenu" bgcolor="#1b5e20"><font color="#ffffff"><b>DANH MỤC</b></font></td></tr>
<tr><td class="MenuItem">&raquo; <a class="Menu" href="/">Trang chủ</a></td></tr>
<tr><td class="MenuItem">&raquo; <a class="Menu" href="/gioi-thieu.aspx">Giới thiệu chung</a></td></tr>
<tr><td class="MenuItem">&raquo; <a class="Menu" href="/tin-tuc.aspx">Tin tức - Sự kiện</a></td></tr>
<tr><td class="MenuItem">&raquo; <a class="Menu" href="/lien-he.aspx">Liên hệ</a></td></tr>
<tr><td class="MenuItem">&raquo; <a class="Menu" href="/rss.aspx">RSS</a></td></tr>
<tr><td class="TieuDeMenu" bgcolor="#1b5e20"><font color="#ffffff"><b>LIÊN KẾT WEBSITE</b></font></td></tr>
<tr><td class="MenuItem">&raquo; <a class="Menu" href="{{BASE:baosongthu}}/" target="_blank">Báo Sông Thu</a></td></tr>
</table>
</td>
<td width="780" valign="top" class="ContentPane">
<table width="100%" cellpadding="4" cellspacing="0" border="0" class="TinChiTiet">
<tr><td class="Normal"><font face="Arial" size="1"><a href="/">Trang chủ</a> &gt; <a href="/tin-tuc.aspx">Tin tức - Sự kiện</a></font></td></tr>
<tr><td class="Normal"><span class="Title"><font face="Arial" size="3" color="#1b5e20"><b>Khánh thành điểm trường mầm non thôn 4, xã Phước Kim</b></font></span></td></tr>
<tr><td class="Normal"><font face="Arial" size="1" color="#808080">Cập nhật lúc 10:00 ngày 28/03/2024</font></td></tr>
<tr><td class="Normal"><font face="Arial" size="2"><b>Sáng ngày 27/3, UBND xã Phước Kim phối hợp với Phòng Giáo dục và Đào tạo huyện tổ chức lễ khánh thành, đưa vào sử dụng điểm trường mầm non thôn 4 thuộc Trường Mẫu giáo Phước Kim.</b></font></td></tr>
<tr><td class="Normal" style="text-align: justify"><font face="Arial" size="2">
<p>Công trình gồm hai phòng học, một phòng bếp, khu vệ sinh khép kín và sân chơi có mái che, tổng kinh phí hơn 2,1 tỷ đồng từ nguồn Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi. Công trình khởi công từ tháng 8/2023, hoàn thành vượt tiến độ gần một tháng.</p>
<p>Trước đây, các cháu mầm non ở thôn 4 phải học nhờ trong nhà sinh hoạt cộng đồng, mùa mưa dột nát, thiếu ánh sáng. Nhiều phụ huynh người Bh’noong phải gửi con xuống trung tâm xã cách gần 7 km, việc đưa đón rất vất vả nên tỷ lệ trẻ ra lớp còn thấp.</p>
<p>Phát biểu tại buổi lễ, lãnh đạo Phòng Giáo dục và Đào tạo huyện đề nghị nhà trường bố trí đủ giáo viên, xây dựng kế hoạch tăng cường tiếng Việt cho trẻ trước khi vào lớp Một; đồng thời đề nghị chính quyền xã, ban nhân dân thôn vận động phụ huynh đưa trẻ trong độ tuổi đến trường đầy đủ, đúng giờ.</p>
<p>Dịp này, các nhà tài trợ đã trao tặng nhà trường 50 bộ bàn ghế, đồ chơi ngoài trời, cùng 80 suất quà gồm áo ấm, sữa và đồ dùng học tập cho các cháu có hoàn cảnh khó khăn.</p>
<p>Với việc đưa vào sử dụng điểm trường mới, đến nay 100% thôn của xã Phước Kim đã có điểm trường mầm non kiên cố, góp phần giữ vững kết quả phổ cập giáo dục mầm non cho trẻ 5 tuổi trên địa bàn xã.</p>
</font></td></tr>
<tr><td class="Normal" align="right"><font face="Arial" size="2"><b>Thanh Hà</b></font></td></tr>
<tr><td class="Normal" align="right"><font size="1"><a href="/tin-tuc.aspx">Trở về</a> | <a href="javascript:window.print()">Bản in</a></font></td></tr>
<tr><td class="Normal"><hr size="1" color="#cccccc"><b>Các tin đã đưa:</b><br>
&middot; <a class="Normal" href="/tin-tuc/2106-soi-noi-ngay-hoi-van-hoa-the-thao-dong-bao-bhnoong-lan-thu-v.aspx">Sôi nổi Ngày hội Văn hóa – Thể thao đồng bào Bh’noong huyện Phước Sơn lần thứ V</a> <font color="#808080">(22/04/2024)</font><br>
&middot; <a class="Normal" href="/tin-tuc/2105-ho-tro-hon-150000-cay-keo-giong-cho-dong-bao-trong-rung.aspx">Hỗ trợ hơn 150.000 cây keo giống cho đồng bào trồng rừng sản xuất</a> <font color="#808080">(09/04/2024)</font><br>
&middot; <a class="Normal" href="/tin-tuc/2103-trien-khai-ke-hoach-truy-quet-khai-thac-vang-trai-phep-nam-2024.aspx">Triển khai kế hoạch truy quét, chống khai thác vàng trái phép năm 2024</a> <font color="#808080">(15/03/2024)</font>
</td></tr>
</table>
</td>
</tr>
<tr><td colspan="2" class="Footer" align="center" bgcolor="#e8f5e9">
<font face="Arial" size="1">CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN PHƯỚC SƠN (trang mẫu phục vụ kiểm thử)<br>
Cơ quan chủ quản: UBND huyện Phước Sơn, tỉnh Quảng Nam (giả định)<br>
Chịu trách nhiệm: Chánh Văn phòng HĐND và UBND huyện - Giấy phép số 01/GP-STTTT (giả định)<br>
Địa chỉ: Thị trấn Khâm Đức, huyện Phước Sơn, tỉnh Quảng Nam</font>
</td></tr>
</table>
</body>
</html>
