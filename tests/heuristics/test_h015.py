"""H015 head-menu (``cleaner/heuristics/h015_head_menu.py``): Before the article's first paragraph, a
run of short labels (menu items) is the site's navigation."""
from __future__ import annotations

from cases import PROSE, PROSE2, rules_of

from cleaner import clean_text


def test_h015_a_menu_before_the_first_paragraph():
    menu = "\n".join(["Home", "News", "Town Hall", "Permits", "Taxes", "Contact", "Careers"])
    a = clean_text(f"{menu}\n{PROSE}\n{PROSE2}")
    assert "Permits" not in a.body and ("navigation", "H015") in rules_of(a)
    names = "\n".join(["Ana Lima", "Ben Okafor", "Chen Wei", "Dara Nolan", "Eli Stone", "Fay Moss"])
    assert "Chen Wei" in clean_text(f"{PROSE}\n{names}\n{PROSE2}").body  # inside the article: stays


def test_h015_lines_of_chinese_prose_are_not_menu_labels():
    lines = ["園區給愛攝一族淨空場景而不是散搭帳蓬之下反而影響拍照畫面與構圖取景",
             "露營的話則須待中午過後再進場搭帳的彈性做法個人也相當支持這樣的權宜之計",
             "來到現場已是落葉飄飄堆疊滿地 不時隨著風吹雨襲而葉落垂地",
             "不忍踩過剛剛掉落的樹葉 沿著前人足跡踏痕輕踩而行",
             "雖然只是一廂情願的想法 終究還是不可避免地將會化為塵土",
             "葉落繽紛顯得幾分蕭瑟氣息 空氣中可以嗅得出來依然瀰漫著濕寒水氣"]
    a = clean_text("\n".join(lines) + f"\n{PROSE}")
    assert ("navigation", "H015") not in rules_of(a)
    assert "不忍踩過剛剛掉落的樹葉" in a.body
