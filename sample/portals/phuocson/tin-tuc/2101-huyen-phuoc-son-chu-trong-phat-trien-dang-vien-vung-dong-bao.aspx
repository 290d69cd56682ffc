<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Huyện Phước Sơn chú trọng phát triển đảng viên ở vùng đồng bào dân tộc thiểu số - Cổng thông tin điện tử huyện Phước Sơn</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Huyện Phước Sơn chú trọng phát triển đảng viên ở vùng đồng bào dân tộc thiểu số">
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
<tr><td class="Normal"><span class="Title"><font face="Arial" size="3" color="#1b5e20"><b>Huyện Phước Sơn chú trọng phát triển đảng viên ở vùng đồng bào dân tộc thiểu số</b></font></span></td></tr>
<tr><td class="Normal"><font face="Arial" size="1" color="#808080">Ngày đăng: 07/03/2024 - 09:00</font></td></tr>
<tr><td class="Normal"><font face="Arial" size="2"><b>Năm 2023, Đảng bộ huyện Phước Sơn kết nạp 112 đảng viên mới, trong đó hơn 70% là người đồng bào dân tộc thiểu số. Nhiều thôn từng “trắng” đảng viên nay đã có chi bộ sinh hoạt độc lập.</b></font></td></tr>
<tr><td class="Normal" style="text-align: justify"><font face="Arial" size="2">
<p>Theo Ban Tổ chức Huyện ủy Phước Sơn, số đảng viên mới kết nạp năm 2023 vượt 12% so với chỉ tiêu nghị quyết đề ra. Đáng chú ý, các xã vùng sâu như Phước Thành, Phước Lộc, Phước Kim đều có đảng viên mới là người Bh’noong, phần lớn là thanh niên đã hoàn thành nghĩa vụ quân sự hoặc đang làm công tác ở thôn.</p>
<p>Ông Hồ Văn Thẻo, Phó Bí thư Thường trực Huyện ủy cho biết, mấy năm trước nhiều thôn ở vùng cao chưa có đảng viên, việc đưa chủ trương, chính sách đến người dân gặp không ít khó khăn. Huyện ủy đã giao từng đồng chí trong Ban Thường vụ phụ trách địa bàn, cùng chi bộ rà soát quần chúng ưu tú, bồi dưỡng nhận thức về Đảng cho đoàn viên, hội viên nòng cốt.</p>
<p>Ở thôn 2, xã Phước Thành, anh Hồ Văn Lan (29 tuổi) vừa được kết nạp vào Đảng sau hai năm làm Bí thư Chi đoàn. Anh Lan kể, trước đây thanh niên trong thôn ngại đi học lớp cảm tình Đảng vì đường xa, lớp học lại dồn vào mùa rẫy. Từ khi Trung tâm Chính trị huyện mở lớp ngay tại xã, bố trí học vào cuối tuần, số người đăng ký tăng hẳn.</p>
<p>Bên cạnh số lượng, huyện chú trọng chất lượng đảng viên mới. Mỗi quần chúng được chi bộ phân công một đảng viên chính thức theo dõi, giúp đỡ; hồ sơ kết nạp được thẩm định kỹ về lý lịch, uy tín trong cộng đồng và kết quả thực hiện nhiệm vụ được giao. Sau kết nạp, đảng viên trẻ được giao việc cụ thể như vận động bà con trồng rừng, giữ vệ sinh thôn bản, tham gia tổ tự quản về an ninh trật tự. Dịp này, Ban Thường vụ Huyện ủy đã khen thưởng 8 chi bộ có thành tích tiêu biểu trong công tác tạo nguồn phát triển đảng viên.</p>
<p>Tuy vậy, công tác phát triển đảng viên ở Phước Sơn vẫn còn khó khăn. Một bộ phận thanh niên đi làm ăn xa, nguồn quần chúng tại chỗ mỏng; trình độ học vấn ở một số thôn còn thấp nên việc bồi dưỡng mất nhiều thời gian. Một số chi bộ chưa chủ động tạo nguồn, còn trông chờ cấp trên.</p>
<p>Năm 2024, Đảng bộ huyện đặt mục tiêu kết nạp ít nhất 100 đảng viên mới, phấn đấu 100% thôn có chi bộ và có đảng viên là người tại chỗ. Huyện ủy cũng yêu cầu các chi bộ gắn công tác tạo nguồn với phong trào thi đua phát triển kinh tế, để mỗi đảng viên mới thực sự là hạt nhân ở khu dân cư.</p>
</font></td></tr>
<tr><td class="Normal" align="right"><font face="Arial" size="2"><b>ALĂNG NGƯỚC</b><br><i>(Theo <a href="{{BASE:baosongthu}}/thoi-su/phuoc-son-ket-nap-112-dang-vien-moi-1201.html" target="_blank">Báo Sông Thu</a>)</i></font></td></tr>
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
