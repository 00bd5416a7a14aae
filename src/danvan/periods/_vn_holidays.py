"""Vietnam's public holidays of 2010-2026, month by month, as the `holidays` package gives them.

A report of a past year counts its deadlines in working days; importing `holidays` for
them costs more than the rest of the report's start (the package loads every country's
calendar to give one). These years are over, so their days are written down here, as
holidays 0.109 gives them (0.106, the oldest danvan accepts, gives the same);
every other year is asked of the package. ``tests/test_working_days.py`` compares each
year with the installed package and, when one differs, prints this table anew.
"""

from __future__ import annotations

from typing import Final

#: Year -> month -> the days of that month that are public holidays (observed days included).
PUBLIC_HOLIDAYS: Final[dict[int, dict[int, tuple[int, ...]]]] = {
    2010: {1: (1,), 2: (13, 14, 15, 16, 17, 18, 19), 4: (23, 30), 5: (1, 3), 9: (2,)},
    2011: {1: (1, 3), 2: (2, 3, 4, 5, 7), 4: (12, 30), 5: (1, 2, 3), 9: (2,)},
    2012: {1: (1, 2, 22, 23, 24, 25, 26, 27), 3: (31,), 4: (2, 30), 5: (1,), 9: (2, 3)},
    2013: {1: (1,), 2: (9, 10, 11, 12, 13, 14, 15), 4: (19, 29, 30), 5: (1,), 9: (2,)},
    2014: {1: (1, 29, 30, 31), 2: (1, 2, 3, 4), 4: (9, 30), 5: (1, 2), 9: (1, 2)},
    2015: {1: (1, 2), 2: (16, 17, 18, 19, 20, 21, 22, 23), 4: (28, 29, 30), 5: (1,), 9: (2,)},
    2016: {1: (1,), 2: (7, 8, 9, 10, 11, 12), 4: (16, 18, 30), 5: (1, 2, 3), 9: (2,)},
    2017: {1: (1, 2, 26, 27, 28, 29, 30, 31), 2: (1,), 4: (6, 30), 5: (1, 2), 9: (2, 4)},
    2018: {1: (1,), 2: (14, 15, 16, 17, 18, 19, 20), 4: (25, 30), 5: (1,), 9: (2, 3), 12: (31,)},
    2019: {1: (1,), 2: (4, 5, 6, 7, 8), 4: (14, 15, 29, 30), 5: (1,), 9: (2,)},
    2020: {1: (1, 23, 24, 25, 26, 27, 28, 29), 4: (2, 30), 5: (1,), 9: (2,)},
    2021: {1: (1,), 2: (10, 11, 12, 13, 14, 15, 16), 4: (21, 30), 5: (1, 3), 9: (2, 3)},
    2022: {1: (1, 3, 31), 2: (1, 2, 3, 4), 4: (10, 11, 30), 5: (1, 2, 3), 9: (1, 2)},
    2023: {1: (1, 2, 20, 21, 22, 23, 24, 25, 26), 4: (29, 30), 5: (1, 2, 3), 9: (1, 2, 4)},
    2024: {1: (1,), 2: (8, 9, 10, 11, 12, 13, 14), 4: (18, 29, 30), 5: (1,), 9: (2, 3)},
    2025: {1: (1, 27, 28, 29, 30, 31), 2: (1,), 4: (7, 30), 5: (1, 2), 9: (1, 2)},
    2026: {
        1: (1,),
        2: (16, 17, 18, 19, 20),
        4: (26, 27, 30),
        5: (1,),
        8: (31,),
        9: (1, 2),
        11: (24,),
    },
}
