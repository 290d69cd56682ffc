<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Giới thiệu chung - Cổng thông tin điện tử huyện Phước Sơn</title>
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
<table width="100%" cellpadding="4"><tr><td class="Normal"><span class="Title">GIỚI THIỆU CHUNG</span><br><br>
Phước Sơn là huyện miền núi phía tây tỉnh Quảng Nam (mô tả giả định cho trang mẫu). Trung tâm huyện là thị trấn Khâm Đức.<br>
Trên địa bàn có đồng bào Bh’noong, Kinh và một số dân tộc khác cùng sinh sống.</td></tr></table>
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
