<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Tin tức - Sự kiện - Cổng thông tin điện tử huyện Phước Sơn</title>
<meta property="og:type" content="website">
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
<table width="100%" cellpadding="4" cellspacing="0" border="0">
<tr><td class="Normal" bgcolor="#fffde7"><b>TIN NỔI BẬT:</b> <a href="/tin-tuc/2106-soi-noi-ngay-hoi-van-hoa-the-thao-dong-bao-bhnoong-lan-thu-v.aspx?utm_source=zalo&amp;utm_medium=social">Sôi nổi Ngày hội Văn hóa – Thể thao đồng bào Bh’noong huyện Phước Sơn lần thứ V</a></td></tr>
<tr><td class="TieuDeKhoi"><span class="Title">TIN TỨC - SỰ KIỆN</span></td></tr>
<tr><td class="Normal" valign="top">
<a class="TieuDe" href="/tin-tuc/2106-soi-noi-ngay-hoi-van-hoa-the-thao-dong-bao-bhnoong-lan-thu-v.aspx"><b>Sôi nổi Ngày hội Văn hóa – Thể thao đồng bào Bh’noong huyện Phước Sơn lần thứ V</b></a> <font color="#808080" size="1">(22/04/2024)</font><br>
Từ ngày 19 đến 21/4, tại thị trấn Khâm Đức, huyện Phước Sơn long trọng tổ chức Ngày hội Văn hóa – Thể thao đồng bào Bh’noong lần thứ V, thu hút gần 500 diễn viên, vận động viên đến từ 12 xã, thị trấn.
</td></tr>
<tr><td class="Normal" valign="top">
<a class="TieuDe" href="/tin-tuc/2105-ho-tro-hon-150000-cay-keo-giong-cho-dong-bao-trong-rung.aspx"><b>Hỗ trợ hơn 150.000 cây keo giống cho đồng bào trồng rừng sản xuất</b></a> <font color="#808080" size="1">(09/04/2024)</font><br>
Thực hiện kế hoạch trồng rừng năm 2024, Hạt Kiểm lâm huyện Phước Sơn phối hợp với UBND các xã cấp phát hơn 150.000 cây keo giống cho 210 hộ dân, chủ yếu là đồng bào dân tộc thiểu số.
</td></tr>
<tr><td class="Normal" valign="top">
<a class="TieuDe" href="/tin-tuc/2104-khanh-thanh-diem-truong-mam-non-thon-4-xa-phuoc-kim.aspx"><b>Khánh thành điểm trường mầm non thôn 4, xã Phước Kim</b></a> <font color="#808080" size="1">(28/03/2024)</font><br>
Sáng ngày 27/3, UBND xã Phước Kim phối hợp với Phòng Giáo dục và Đào tạo huyện tổ chức lễ khánh thành, đưa vào sử dụng điểm trường mầm non thôn 4 thuộc Trường Mẫu giáo Phước Kim.
</td></tr>
<tr><td class="Normal" align="center">Trang: <b>1</b> <a href="/tin-tuc.aspx?page=2">2</a> <a href="/tin-tuc.aspx?page=2">Tiếp &raquo;</a></td></tr>
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
