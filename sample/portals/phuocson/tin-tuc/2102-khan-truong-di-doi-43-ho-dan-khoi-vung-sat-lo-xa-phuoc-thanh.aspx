<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Khẩn trương di dời 43 hộ dân ra khỏi vùng nguy cơ sạt lở tại xã Phước Thành - Cổng thông tin điện tử huyện Phước Sơn</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Khẩn trương di dời 43 hộ dân ra khỏi vùng nguy cơ sạt lở tại xã Phước Thành">
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
<tr><td class="Normal"><span class="Title"><font face="Arial" size="3" color="#1b5e20"><b>Khẩn trương di dời 43 hộ dân ra khỏi vùng nguy cơ sạt lở tại xã Phước Thành</b></font></span></td></tr>
<tr><td class="Normal"><font face="Arial" size="1" color="#808080">Cập nhật lúc 16:45 ngày 18/11/2023</font></td></tr>
<tr><td class="Normal"><font face="Arial" size="2"><b>Trước diễn biến mưa lớn kéo dài, UBND huyện Phước Sơn đã chỉ đạo xã Phước Thành tổ chức di dời khẩn cấp 43 hộ dân với 186 nhân khẩu ở thôn 1 và thôn 3 đến nơi an toàn.</b></font></td></tr>
<tr><td class="Normal" style="text-align: justify"><font face="Arial" size="2">
Từ ngày 16/11, trên địa bàn huyện xảy ra mưa to đến rất to, lượng mưa đo được tại trạm Khâm Đức có ngày vượt 300 mm. Tại thôn 1, xã Phước Thành, xuất hiện nhiều vết nứt dài trên sườn đồi phía sau khu dân cư, một số điểm đất đá đã trôi xuống vườn nhà dân.<br><br>
Nhận được báo cáo, Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn huyện đã cử đoàn công tác vào hiện trường kiểm tra. Lực lượng quân sự, công an xã cùng đoàn viên thanh niên giúp bà con tháo dỡ vật dụng, di chuyển lương thực, gia súc đến khu tái định cư tạm và nhà văn hóa thôn.<br><br>
Huyện đã xuất kho dự trữ 3 tấn gạo cùng mì tôm, nước uống, chăn màn hỗ trợ các hộ di dời. Trạm Y tế xã bố trí cán bộ trực 24/24 giờ để chăm sóc sức khỏe cho người già, trẻ nhỏ tại nơi ở tạm.<br><br>
Theo thống kê ban đầu, mưa lũ đã làm 2 nhà bị sập hoàn toàn, hơn 20 điểm sạt lở trên các tuyến đường liên xã, gây ách tắc giao thông cục bộ. Thiệt hại đang tiếp tục được các địa phương kiểm đếm, tổng hợp.<br><br>
Chủ tịch UBND huyện yêu cầu các xã tuyệt đối không để người dân quay về nhà cũ khi chưa có thông báo an toàn, đồng thời rà soát quỹ đất để lập dự án bố trí dân cư lâu dài cho các hộ đang sinh sống ở vùng có nguy cơ sạt lở cao.
</font></td></tr>
<tr><td class="Normal" align="right"><font face="Arial" size="2"><b>Văn Tâm</b></font></td></tr>
<tr><td class="Normal" align="right"><font size="1"><a href="/tin-tuc.aspx">Trở về</a> | <a href="javascript:window.print()">Bản in</a></font></td></tr>
<tr><td class="Normal"><hr size="1" color="#cccccc"><b>Các tin đã đưa:</b><br>
&middot; <a class="Normal" href="/tin-tuc/2106-soi-noi-ngay-hoi-van-hoa-the-thao-dong-bao-bhnoong-lan-thu-v.aspx">Sôi nổi Ngày hội Văn hóa – Thể thao đồng bào Bh’noong huyện Phước Sơn lần thứ V</a> <font color="#808080">(22/04/2024)</font><br>
&middot; <a class="Normal" href="/tin-tuc/2105-ho-tro-hon-150000-cay-keo-giong-cho-dong-bao-trong-rung.aspx">Hỗ trợ hơn 150.000 cây keo giống cho đồng bào trồng rừng sản xuất</a> <font color="#808080">(09/04/2024)</font><br>
&middot; <a class="Normal" href="/tin-tuc/2104-khanh-thanh-diem-truong-mam-non-thon-4-xa-phuoc-kim.aspx">Khánh thành điểm trường mầm non thôn 4, xã Phước Kim</a> <font color="#808080">(28/03/2024)</font>
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
