"""Time sorting Vietnamese names (sort_vi) and reading money and dates as typed.

Run: python benchmarks/bench_text.py
"""

from __future__ import annotations

import random
import timeit

from danvan.text import parse_date, parse_money, sort_vi

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Giàng", "Thào", "Sùng", "Lò", "Quàng"]
MIDDLE = ["Thị", "Văn", "A", "Seo", "Mí", "Đức", "Minh", "Thu", "Hoà", "Thuỷ"]
GIVEN = ["Mai", "Dua", "Chứ", "Páo", "Sềnh", "Khoẻ", "Quý", "Nguyệt", "Đông", "Hường", "Tủa"]
COUNT = 50_000


def main() -> None:
    rng = random.Random(2022)
    names = [
        f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {i}" for i in range(COUNT)
    ]
    cold = timeit.timeit(lambda: sort_vi(names), number=1)
    warm = timeit.timeit(lambda: sort_vi(names), number=1)
    print(f"sort_vi: {cold:.2f} s first, {warm:.2f} s again, for {COUNT:,} distinct names")
    amounts = [f"{rng.randint(0, 10**9):,}".replace(",", ".") + " đ" for _ in range(COUNT)]
    money = timeit.timeit(lambda: [parse_money(a) for a in amounts], number=1)
    print(f"parse_money: {money:.2f} s for {COUNT:,} amounts")
    dates = [f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2022" for _ in range(COUNT)]
    days = timeit.timeit(lambda: [parse_date(d) for d in dates], number=1)
    print(f"parse_date: {days:.2f} s for {COUNT:,} dates")


if __name__ == "__main__":
    main()
