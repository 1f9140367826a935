"""The search's words: runs of letters, digits and marks, found in memory that does not grow
with a word's length (an import's text may hold one word of 40 MB)."""

import tracemalloc

from byline.search.words import words


def test_words_with_their_marks_and_without_punctuation():
    assert words("Harbour's chief_executive, اَجلاس۔ नमस्ते 2024") == [
        "harbour", "s", "chief", "executive", "اجلاس", "नमस्ते", "2024",
    ]  # fmt: skip


def test_a_word_of_millions_of_letters_is_found_in_little_memory():
    text = "A" * 4_000_000
    tracemalloc.start()
    found = words(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert found == ["a" * 4_000_000]
    # The text and its folded copies take some 20 MB; matching kept 556 MB more before.
    assert peak < 50 * 2**20
