<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Sôi nổi Ngày hội Văn hóa – Thể thao đồng bào Bh’noong huyện Phước Sơn lần thứ V</title></head>
<body onload="window.print()">
<table width="640" cellpadding="6"><tr><td>
<font face="Times New Roman" size="4"><b>Sôi nổi Ngày hội Văn hóa – Thể thao đồng bào Bh’noong huyện Phước Sơn lần thứ V</b></font><br>
<font size="2">Ngày đăng: 22/04/2024 - 17:00</font><br><br>
<b>Từ ngày 19 đến 21/4, tại thị trấn Khâm Đức, huyện Phước Sơn long trọng tổ chức Ngày hội Văn hóa – Thể thao đồng bào Bh’noong lần thứ V, thu hút gần 500 diễn viên, vận động viên đến từ 12 xã, thị trấn.</b><br><br>
Ngày hội diễn ra với nhiều hoạt động phong phú như trình diễn cồng chiêng, hát lý, múa dân gian, thi dệt thổ cẩm, đan lát, chế biến ẩm thực truyền thống và các môn thể thao dân tộc: đẩy gậy, kéo co, bắn nỏ, ném còn. Mỗi đội đều mang theo trang phục, nhạc cụ và sản vật đặc trưng của địa phương mình.<br><br>Điểm nhấn của ngày hội là phần tái hiện lễ mừng lúa mới của đội xã Phước Kim. Trong tiếng cồng chiêng rộn ràng, các già làng dâng cơm mới, rượu cần lên Yàng, cầu mong mưa thuận gió hòa, mùa màng bội thu, dân làng khỏe mạnh.<br><br>Phát biểu khai mạc, Phó Chủ tịch UBND huyện nhấn mạnh, ngày hội là dịp để đồng bào Bh’noong giao lưu, học hỏi, đồng thời góp phần bảo tồn, phát huy những giá trị văn hóa truyền thống đặc sắc trong bối cảnh nhiều phong tục, nghề thủ công đang có nguy cơ mai một.<br><br>Bên lề ngày hội, Ban Tổ chức trưng bày gần 200 hiện vật, hình ảnh về đời sống, sinh hoạt của đồng bào Bh’noong; tổ chức gian hàng giới thiệu, tiêu thụ sản phẩm OCOP như sâm dây, mật ong rừng, gạo đỏ, rượu ba kích.<br><br>Kết thúc ngày hội, Ban Tổ chức đã trao giải nhất toàn đoàn cho đội xã Phước Kim, giải nhì cho đội xã Phước Thành, giải ba cho đội xã Phước Công và nhiều giải cá nhân ở các nội dung thi đấu. Ngày hội lần thứ VI dự kiến được tổ chức vào năm 2027.<br><br>
<div align="right"><b>Lê Huy</b></div>
<hr>
<font size="1">Nguồn: {{BASE}}/tin-tuc/2106-soi-noi-ngay-hoi-van-hoa-the-thao-dong-bao-bhnoong-lan-thu-v.aspx</font>
</td></tr></table>
</body>
</html>
