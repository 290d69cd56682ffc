<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Hỗ trợ hơn 150.000 cây keo giống cho đồng bào trồng rừng sản xuất - Cổng thông tin điện tử huyện Phước Sơn</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Hỗ trợ hơn 150.000 cây keo giống cho đồng bào trồng rừng sản xuất">
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
<tr><td class="Normal"><span class="Title"><font face="Arial" size="3" color="#1b5e20"><b>Hỗ trợ hơn 150.000 cây keo giống cho đồng bào trồng rừng sản xuất</b></font></span></td></tr>
<tr><td class="Normal"><font face="Arial" size="1" color="#808080">Ngày đăng: 09/04/2024 - 08:45</font></td></tr>
<tr><td class="Normal"><font face="Arial" size="2"><b>Thực hiện kế hoạch trồng rừng năm 2024, Hạt Kiểm lâm huyện Phước Sơn phối hợp với UBND các xã cấp phát hơn 150.000 cây keo giống cho 210 hộ dân, chủ yếu là đồng bào dân tộc thiểu số.</b></font></td></tr>
<tr><td class="Normal" style="text-align: justify"><font face="Arial" size="2">
Số cây giống trên được hỗ trợ từ nguồn kinh phí Chương trình mục tiêu quốc gia giảm nghèo bền vững, dùng để trồng mới khoảng 90 ha rừng sản xuất trên diện tích đất đã giao cho hộ gia đình tại các xã Phước Chánh, Phước Công, Phước Mỹ.<br><br>
Trước khi cấp phát, cán bộ kiểm lâm địa bàn đã cùng các thôn rà soát từng lô đất, bảo đảm không trồng trên đất rừng tự nhiên, đất có độ dốc quá lớn. Người dân cũng được tập huấn kỹ thuật đào hố, bón lót, trồng dặm và chăm sóc cây trong ba năm đầu.<br><br>
Ông Hồ Văn Bốn, thôn 2, xã Phước Chánh cho biết, gia đình được nhận 1.500 cây giống để trồng trên 1,2 ha đất rẫy cũ. “Trước đây bà con chỉ trồng mì, trồng lúa rẫy, năng suất thấp. Trồng keo vài năm là có tiền, lại giữ được đất không bị xói”, ông Bốn nói.<br><br>
Theo Hạt Kiểm lâm, những năm gần đây diện tích rừng trồng của huyện tăng nhanh, góp phần nâng độ che phủ rừng lên trên 73%. Nhiều hộ đã có thu nhập ổn định từ khai thác keo, xây được nhà mới, mua sắm phương tiện sản xuất.<br><br>
Hạt Kiểm lâm cũng khuyến cáo người dân không tự ý phát dọn rừng tự nhiên để lấy đất trồng keo, tuân thủ quy định về phòng cháy, chữa cháy rừng trong mùa khô. Những trường hợp vi phạm sẽ bị thu hồi cây giống và xử lý theo quy định.
</font></td></tr>
<tr><td class="Normal" align="right"><font face="Arial" size="2"><b>Hoài Nam</b></font></td></tr>
<tr><td class="Normal" align="right"><font size="1"><a href="/tin-tuc.aspx">Trở về</a> | <a href="javascript:window.print()">Bản in</a></font></td></tr>
<tr><td class="Normal"><hr size="1" color="#cccccc"><b>Các tin đã đưa:</b><br>
&middot; <a class="Normal" href="/tin-tuc/2106-soi-noi-ngay-hoi-van-hoa-the-thao-dong-bao-bhnoong-lan-thu-v.aspx">Sôi nổi Ngày hội Văn hóa – Thể thao đồng bào Bh’noong huyện Phước Sơn lần thứ V</a> <font color="#808080">(22/04/2024)</font><br>
&middot; <a class="Normal" href="/tin-tuc/2104-khanh-thanh-diem-truong-mam-non-thon-4-xa-phuoc-kim.aspx">Khánh thành điểm trường mầm non thôn 4, xã Phước Kim</a> <font color="#808080">(28/03/2024)</font><br>
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
