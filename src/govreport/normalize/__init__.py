"""Decoding and normalisation: encodings, label keys, cell numbers, Chinese numerals."""
