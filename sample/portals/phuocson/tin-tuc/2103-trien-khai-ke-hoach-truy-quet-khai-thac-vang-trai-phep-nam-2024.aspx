<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Triển khai kế hoạch truy quét, chống khai thác vàng trái phép năm 2024 - Cổng thông tin điện tử huyện Phước Sơn</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Triển khai kế hoạch truy quét, chống khai thác vàng trái phép năm 2024">
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
<tr><td class="Normal"><span class="Title"><font face="Arial" size="3" color="#1b5e20"><b>Triển khai kế hoạch truy quét, chống khai thác vàng trái phép năm 2024</b></font></span></td></tr>
<tr><td class="Normal"><font face="Arial" size="1" color="#808080">Ngày đăng: 15/03/2024 - 15:30</font></td></tr>
<tr><td class="Normal"><font face="Arial" size="2"><b>Chiều ngày 14/3, UBND huyện Phước Sơn tổ chức cuộc họp triển khai kế hoạch kiểm tra, truy quét hoạt động khai thác vàng trái phép trên địa bàn huyện năm 2024.</b></font></td></tr>
<tr><td class="Normal" style="text-align: justify"><font face="Arial" size="2">
<p>Theo báo cáo của Công an huyện, năm 2023 lực lượng chức năng đã tổ chức 18 đợt kiểm tra tại các khu vực Bãi Gõ, Trà Văn, Đăk Sa, phát hiện, xử lý 27 trường hợp, tịch thu 15 máy nổ, phá hủy nhiều hầm lò và lán trại. Tuy nhiên, tình trạng đào bới trái phép vẫn tái diễn, nhất là tại các khu vực giáp ranh với tỉnh Kon Tum.</p>
<p>Tại cuộc họp, các đại biểu chỉ ra nguyên nhân là địa bàn rộng, rừng núi hiểm trở, lực lượng mỏng; một số đối tượng lợi dụng đêm tối, thời tiết xấu để vận chuyển máy móc, hóa chất vào rừng. Một bộ phận người dân vì mưu sinh đã tiếp tay, làm thuê cho các chủ bãi.</p>
<p>Kết luận cuộc họp, Phó Chủ tịch UBND huyện yêu cầu Công an huyện chủ trì, phối hợp với Hạt Kiểm lâm, Ban Chỉ huy Quân sự huyện và UBND các xã Phước Thành, Phước Lộc, Phước Kim tổ chức các đợt truy quét cao điểm trong mùa khô; lập chốt kiểm soát tại các tuyến đường mòn vào khu vực mỏ.</p>
<p>UBND các xã có trách nhiệm quản lý chặt chẽ nhân khẩu tạm trú, không để đối tượng ngoài địa phương vào khai thác; người đứng đầu chính quyền cấp xã phải chịu trách nhiệm nếu để tình trạng khai thác trái phép kéo dài trên địa bàn. Các trường hợp sử dụng hóa chất độc hại trong tuyển quặng sẽ được xem xét xử lý hình sự.</p>
<p>Cũng tại cuộc họp, Phòng Tài nguyên và Môi trường được giao tham mưu phương án hoàn thổ, trồng lại rừng tại các khu vực đã bị đào bới, hạn chế nguy cơ sạt lở vào mùa mưa.</p>
</font></td></tr>
<tr><td class="Normal" align="right"><font face="Arial" size="2"><b>Minh Khoa</b></font></td></tr>
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
