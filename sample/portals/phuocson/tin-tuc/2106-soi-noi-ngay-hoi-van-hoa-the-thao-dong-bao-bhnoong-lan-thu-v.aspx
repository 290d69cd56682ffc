<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Sôi nổi Ngày hội Văn hóa – Thể thao đồng bào Bh’noong huyện Phước Sơn lần thứ V - Cổng thông tin điện tử huyện Phước Sơn</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Sôi nổi Ngày hội Văn hóa – Thể thao đồng bào Bh’noong huyện Phước Sơn lần thứ V">
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
<tr><td class="Normal"><span class="Title"><font face="Arial" size="3" color="#1b5e20"><b>Sôi nổi Ngày hội Văn hóa – Thể thao đồng bào Bh’noong huyện Phước Sơn lần thứ V</b></font></span></td></tr>
<tr><td class="Normal"><font face="Arial" size="1" color="#808080">Ngày đăng: 22/04/2024 - 17:00</font></td></tr>
<tr><td class="Normal"><font face="Arial" size="2"><b>Từ ngày 19 đến 21/4, tại thị trấn Khâm Đức, huyện Phước Sơn long trọng tổ chức Ngày hội Văn hóa – Thể thao đồng bào Bh’noong lần thứ V, thu hút gần 500 diễn viên, vận động viên đến từ 12 xã, thị trấn.</b></font></td></tr>
<tr><td class="Normal" style="text-align: justify"><font face="Arial" size="2">
<p>Ngày hội diễn ra với nhiều hoạt động phong phú như trình diễn cồng chiêng, hát lý, múa dân gian, thi dệt thổ cẩm, đan lát, chế biến ẩm thực truyền thống và các môn thể thao dân tộc: đẩy gậy, kéo co, bắn nỏ, ném còn. Mỗi đội đều mang theo trang phục, nhạc cụ và sản vật đặc trưng của địa phương mình.</p>
<p>Điểm nhấn của ngày hội là phần tái hiện lễ mừng lúa mới của đội xã Phước Kim. Trong tiếng cồng chiêng rộn ràng, các già làng dâng cơm mới, rượu cần lên Yàng, cầu mong mưa thuận gió hòa, mùa màng bội thu, dân làng khỏe mạnh.</p>
<p>Phát biểu khai mạc, Phó Chủ tịch UBND huyện nhấn mạnh, ngày hội là dịp để đồng bào Bh’noong giao lưu, học hỏi, đồng thời góp phần bảo tồn, phát huy những giá trị văn hóa truyền thống đặc sắc trong bối cảnh nhiều phong tục, nghề thủ công đang có nguy cơ mai một.</p>
<p>Bên lề ngày hội, Ban Tổ chức trưng bày gần 200 hiện vật, hình ảnh về đời sống, sinh hoạt của đồng bào Bh’noong; tổ chức gian hàng giới thiệu, tiêu thụ sản phẩm OCOP như sâm dây, mật ong rừng, gạo đỏ, rượu ba kích.</p>
<p>Kết thúc ngày hội, Ban Tổ chức đã trao giải nhất toàn đoàn cho đội xã Phước Kim, giải nhì cho đội xã Phước Thành, giải ba cho đội xã Phước Công và nhiều giải cá nhân ở các nội dung thi đấu. Ngày hội lần thứ VI dự kiến được tổ chức vào năm 2027.</p>
</font></td></tr>
<tr><td class="Normal" align="right"><font face="Arial" size="2"><b>Lê Huy</b></font></td></tr>
<tr><td class="Normal" align="right"><font size="1"><a href="/tin-tuc.aspx">Trở về</a> | <a href="/print/2106.aspx" target="_blank">Bản in</a></font></td></tr>
<tr><td class="Normal"><hr size="1" color="#cccccc"><b>Các tin đã đưa:</b><br>
&middot; <a class="Normal" href="/tin-tuc/2105-ho-tro-hon-150000-cay-keo-giong-cho-dong-bao-trong-rung.aspx">Hỗ trợ hơn 150.000 cây keo giống cho đồng bào trồng rừng sản xuất</a> <font color="#808080">(09/04/2024)</font><br>
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
