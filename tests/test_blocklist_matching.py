import pytest

from articles.blocklist import find_blocked_word, normalize, words


def test_a_plain_english_word_is_found():
    assert find_blocked_word("You are a liar.", ["traitor", "liar"]) == "liar"


def test_english_matching_ignores_case():
    assert find_blocked_word("LIAR!", ["liar"]) == "liar"
    assert find_blocked_word("what a liar", ["Liar"]) == "Liar"


def test_a_blocked_word_inside_another_word_is_not_found():
    assert find_blocked_word("A class of its own", ["ass"]) is None
    assert find_blocked_word("I believe the client", ["lie"]) is None


def test_a_phrase_matches_only_consecutive_words():
    assert find_blocked_word("Go and KILL   them, all", ["kill them"]) == "kill them"
    assert find_blocked_word("kill all of them", ["kill them"]) is None


def test_a_hebrew_word_is_found():
    assert find_blocked_word("אתה טיפש גמור", ["טיפש"]) == "טיפש"


def test_niqqud_in_the_text_does_not_defeat_matching():
    assert find_blocked_word("הוּא שַׁקְרָן", ["שקרן"]) == "שקרן"
    # Cantillation marks, as in text pasted from a Bible site.
    assert find_blocked_word("שַׁקְרָ֑ן", ["שקרן"]) == "שקרן"


def test_niqqud_in_the_entry_does_not_defeat_matching():
    assert find_blocked_word("הוא בוגד", ["בּוֹגֵד"]) == "בּוֹגֵד"


def test_final_letter_forms_do_not_defeat_matching():
    assert find_blocked_word("שלומ לכולם", ["שלום"]) == "שלום"
    assert find_blocked_word("המלכ...", ["מלך"]) == "מלך"


@pytest.mark.parametrize("prefix", list("והבלמשכ"))
def test_a_one_letter_prefix_does_not_defeat_matching(prefix):
    assert find_blocked_word(f"אמרתי {prefix}בוגד", ["בוגד"]) == "בוגד"


@pytest.mark.parametrize("prefix", ["וה", "שב", "מה", "וב", "כש"])
def test_a_two_letter_prefix_does_not_defeat_matching(prefix):
    assert find_blocked_word(f"{prefix}שקרן", ["שקרן"]) == "שקרן"


def test_prefix_stripping_does_not_match_a_one_letter_remainder():
    assert find_blocked_word("מה קרה בשבת?", ["ה", "ת"]) is None


def test_only_the_first_word_of_a_phrase_may_carry_a_prefix():
    assert find_blocked_word("והבוגד גדול", ["בוגד גדול"]) == "בוגד גדול"
    assert find_blocked_word("בוגד הגדול", ["בוגד גדול"]) is None


def test_maqaf_joined_words_are_matched_as_separate_words():
    assert find_blocked_word("כל־טיפש יודע", ["טיפש"]) == "טיפש"
    assert find_blocked_word("בן־בוגד", ["בן בוגד"]) == "בן בוגד"


def test_quotes_inside_hebrew_abbreviations_do_not_defeat_matching():
    assert find_blocked_word('אותו ח"כ', ["ח״כ"]) == "ח״כ"
    assert find_blocked_word("אותו ח״כ", ['ח"כ']) == 'ח"כ'


def test_latin_diacritics_do_not_defeat_matching():
    assert find_blocked_word("Such a naive man", ["naïve"]) == "naïve"
    assert find_blocked_word("CAFÉ", ["cafe"]) == "cafe"


def test_invisible_formatting_characters_do_not_split_a_word():
    assert find_blocked_word("טי\u200fפש", ["טיפש"]) == "טיפש"
    assert find_blocked_word("li\u200bar", ["liar"]) == "liar"


def test_returns_the_entry_as_the_moderator_spelled_it():
    assert find_blocked_word("אתה בוגד", ["בּוֹגֵד"]) == "בּוֹגֵד"
    assert find_blocked_word("liar", ["  LIAR "]) == "  LIAR "


def test_the_first_matching_entry_in_the_blocklist_wins():
    assert find_blocked_word("liar and traitor", ["traitor", "liar"]) == "traitor"


def test_clean_text_returns_none():
    assert find_blocked_word("כתבה מצוינת, תודה", ["טיפש", "liar"]) is None


def test_an_empty_blocklist_returns_none():
    assert find_blocked_word("אתה טיפש", []) is None
    assert find_blocked_word("אתה טיפש", ["", "  ", "!!"]) is None


def test_normalize_folds_case_marks_final_forms_and_spaces():
    assert normalize("  Crème\tBRÛLÉE  ") == "creme brulee"
    assert normalize("שָׁלוֹם־עֲלֵיכֶם") == "שלומ עליכמ"


def test_words_split_on_anything_but_letters_and_digits():
    assert words("Hello, WORLD_42! שָׁלוֹם") == ["hello", "world", "42", "שלומ"]
