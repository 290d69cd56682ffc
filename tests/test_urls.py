"""URL identity: every spelling of one page's address is one key."""

import pytest

from crawler.crawl.urls import canonical_url, page_identity

PAGE = "https://baoquangnam.vn/chinh-tri/hoi-nghi-tong-ket-3141592.html"


@pytest.mark.parametrize(
    "variant",
    [
        "HTTPS://WWW.BaoQuangNam.vn/chinh-tri/hoi-nghi-tong-ket-3141592.html",
        "https://m.baoquangnam.vn/chinh-tri/hoi-nghi-tong-ket-3141592.html",
        "https://baoquangnam.vn:443/chinh-tri/hoi-nghi-tong-ket-3141592.html/",
        "https://baoquangnam.vn/chinh-tri/hoi-nghi-tong-ket-3141592.html#binh-luan",
        "https://baoquangnam.vn/chinh-tri/hoi-nghi-tong-ket-3141592.html?utm_source=facebook"
        "&utm_medium=social&fbclid=IwAR0abc&zarsrc=30&_ga=2.1&gclid=xyz",
        "https://baoquangnam.vn/chinh-tri/hoi-nghi-tong-ket-3141592.html;jsessionid=A1B2",
        "https://baoquangnam.vn/chinh-tri/hoi-nghi-tong-ket-3141592.html?PHPSESSID=1&sid=9",
        "https://baoquangnam.vn/chinh%2Dtri/hoi-nghi-tong-ket-3141592.html",
    ],
)
def test_url_variants_share_one_key(variant):
    assert canonical_url(variant) == PAGE


def test_the_scheme_is_kept_so_http_only_portals_stay_reachable():
    assert (
        canonical_url("HTTP://www.baoquangngai.vn:80/a-1.html") == "http://baoquangngai.vn/a-1.html"
    )


def test_remaining_query_parameters_are_sorted_and_kept():
    assert (
        canonical_url("https://quangnam.gov.vn/Pages/tin.aspx?ItemID=42&CateID=7&utm_campaign=x")
        == "https://quangnam.gov.vn/Pages/tin.aspx?CateID=7&ItemID=42"
    )


def test_percent_encoding_has_one_spelling():
    raw = "https://phuocson.quangnam.gov.vn/tin/đại-hội?q=hòa bình"
    escaped = (
        "https://phuocson.quangnam.gov.vn/tin/%c4%91%E1%BA%A1i-h%e1%bb%99i?q=h%C3%B2a+b%C3%ACnh"
    )
    assert canonical_url(raw) == canonical_url(escaped)
    assert canonical_url(canonical_url(raw)) == canonical_url(raw)


def test_distinct_pages_keep_distinct_keys():
    assert canonical_url(PAGE) != canonical_url(PAGE.replace("3141592", "3141593"))
    assert canonical_url(PAGE + "?id=1") != canonical_url(PAGE + "?id=2")
    assert canonical_url("https://example.vn:8080/a") == "https://example.vn:8080/a"


def test_declared_canonical_on_the_portal_is_the_identity():
    printed = "https://m.baoquangnam.vn/print/3141592?print=1"
    assert page_identity(printed, PAGE, ["baoquangnam.vn"]) == PAGE
    assert page_identity(printed, "/chinh-tri/hoi-nghi-tong-ket-3141592.html", []) == PAGE


def test_declared_canonical_off_the_portal_or_at_home_page_is_ignored():
    district = "https://phuocson.quangnam.gov.vn/tin-tuc/hoi-nghi-tong-ket.html"
    assert page_identity(district, PAGE, ["phuocson.quangnam.gov.vn"]) == district
    assert page_identity(PAGE, "https://baoquangnam.vn/", ["baoquangnam.vn"]) == PAGE
    assert page_identity(PAGE, None, ["baoquangnam.vn"]) == PAGE


LIFERAY = "https://lamgiang.gov.vn/web/guest/tin-tuc/-/asset_publisher/Xb2KqLm9/content/hoi-nghi"


@pytest.mark.parametrize(
    "variant",
    [
        LIFERAY + "?p_p_id=101_INSTANCE_Xb2KqLm9&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view"
        "&_101_INSTANCE_Xb2KqLm9_redirect=%2Fweb%2Fguest%2Ftin-tuc",
        LIFERAY + ";jsessionid=8F1C2D3E?p_p_id=101_INSTANCE_Xb2KqLm9&p_p_lifecycle=0"
        "&p_p_col_id=column-1&p_p_col_count=2",
        LIFERAY + "?_101_INSTANCE_Xb2KqLm9_redirect=https%3A%2F%2Flamgiang.gov.vn%2Fweb%2Fguest",
    ],
)
def test_liferay_portlet_state_and_return_address_are_not_part_of_an_article_key(variant):
    assert canonical_url(variant) == LIFERAY


def test_liferay_list_pages_and_actions_keep_their_parameters():
    page2 = "https://lamgiang.gov.vn/web/guest/tin-tuc?p_p_id=101_X&p_p_lifecycle=0&_101_X_cur=2"
    assert "_101_X_cur=2" in canonical_url(page2) and "p_p_id=101_X" in canonical_url(page2)
    action = "https://lamgiang.gov.vn/web/guest/x?p_p_id=101_X&p_p_lifecycle=1"
    assert "p_p_lifecycle=1" in canonical_url(action)


def test_a_liferay_layout_declared_canonical_does_not_swallow_its_contents():
    layout = "https://lamgiang.gov.vn/web/guest/tin-tuc"
    assert page_identity(LIFERAY, layout) == LIFERAY
    assert page_identity(layout + "?x=1", layout) == layout


def test_a_joomla_article_is_its_id_whatever_menu_reached_it():
    base = "https://eakrong.gov.vn/index.php?option=com_content&view=article"
    key = canonical_url(base + "&id=318")
    assert canonical_url(base + "&id=318:thu-hoach-sau-rieng&catid=8&Itemid=101") == key
    assert canonical_url(base + "&id=318&Itemid=435") == key
    assert canonical_url(base + "&id=319") != key
    category = "https://eakrong.gov.vn/index.php?option=com_content&view=category&id=8&Itemid=101"
    assert "Itemid=101" in canonical_url(category)


def test_a_sharepoint_return_address_is_dropped_and_the_item_id_kept():
    url = "https://stnmt.gov.vn/Pages/chi-tiet-tin.aspx?ItemID=412&Source=%2FPages%2Ftin-tuc.aspx"
    assert canonical_url(url) == "https://stnmt.gov.vn/Pages/chi-tiet-tin.aspx?ItemID=412"
    assert "source=tuoitre" in canonical_url("https://bao.vn/a-1.html?source=tuoitre")
