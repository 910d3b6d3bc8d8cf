"""Build the labelled name-matching set `pairs.csv` from public facts (see README.md).

    python tests/screen/build_pairs.py

Deterministic (seeded): the same facts give the same pairs.
"""

from __future__ import annotations

import csv
import random
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Public figures named in reporting on Mexican and Colombian organised crime and politics
# (given names, paternal surname, maternal surname where public), and two nicknames each where known.
PEOPLE = [
    ("Joaquín Archivaldo", "Guzmán", "Loera", "El Chapo"),
    ("Ismael", "Zambada", "García", "El Mayo"),
    ("Nemesio", "Oseguera", "Cervantes", "El Mencho"),
    ("Ovidio", "Guzmán", "López", "El Ratón"),
    ("Iván Archivaldo", "Guzmán", "Salazar", ""),
    ("Jesús Alfredo", "Guzmán", "Salazar", ""),
    ("Rafael", "Caro", "Quintero", ""),
    ("Miguel Ángel", "Félix", "Gallardo", ""),
    ("Arturo", "Beltrán", "Leyva", ""),
    ("Héctor", "Beltrán", "Leyva", ""),
    ("Osiel", "Cárdenas", "Guillén", ""),
    ("Heriberto", "Lazcano", "Lazcano", "El Lazca"),
    ("Miguel Ángel", "Treviño", "Morales", "Z-40"),
    ("Omar", "Treviño", "Morales", "Z-42"),
    ("José Antonio", "Yépez", "Ortiz", "El Marro"),
    ("Servando", "Gómez", "Martínez", "La Tuta"),
    ("Nazario", "Moreno", "González", "El Chayo"),
    ("Juan José", "Farías", "Álvarez", "El Abuelo"),
    ("Nicolás", "Sierra", "Santana", "El Gordo"),
    ("Johnny", "Hurtado", "Olascoaga", "El Pez"),
    ("José Alfredo", "Hurtado", "Olascoaga", "El Fresa"),
    ("Rubén", "Oseguera", "González", "El Menchito"),
    ("Damaso", "López", "Núñez", "El Licenciado"),
    ("Fausto Isidro", "Meza", "Flores", "Chapo Isidro"),
    ("Vicente", "Carrillo", "Fuentes", "El Viceroy"),
    ("Amado", "Carrillo", "Fuentes", ""),
    ("Eduardo", "Arellano", "Félix", ""),
    ("Benjamín", "Arellano", "Félix", ""),
    ("Néstor Gregorio", "Vera", "Fernández", "Iván Mordisco"),
    ("Alexander", "Díaz", "Mendoza", "Calarcá"),
    ("Luciano", "Marín", "Arango", "Iván Márquez"),
    ("Seuxis Paucias", "Hernández", "Solarte", "Jesús Santrich"),
    ("Rodrigo", "Londoño", "Echeverri", "Timochenko"),
    ("Dairo Antonio", "Úsuga", "David", "Otoniel"),
    ("Jobanis de Jesús", "Ávila", "Villadiego", "Chiquito Malo"),
    ("Eliécer", "Herlinto", "Chamorro", "Antonio García"),
    ("Héctor Rusthenford", "Guerrero", "Flores", "Niño Guerrero"),
    ("Adolfo", "Macías", "Villamar", "Fito"),
    ("Wilmer Geovanny", "Chavarría", "Barre", "Pipo"),
    ("Jimmy", "Chérizier", "", "Barbecue"),
    ("Johnson", "André", "", "Izo"),
    ("Gustavo", "Petro", "Urrego", ""),
    ("Claudia", "Sheinbaum", "Pardo", ""),
    ("Andrés Manuel", "López", "Obrador", "AMLO"),
    ("Daniel", "Noboa", "Azín", ""),
    ("Nayib", "Bukele", "Ortez", ""),
    ("Luis Cresencio", "Sandoval", "González", ""),
    ("Genaro", "García", "Luna", ""),
    ("Salvador", "Cienfuegos", "Zepeda", ""),
    ("Rubén", "Rocha", "Moya", ""),
    ("Pedro", "Sánchez", "Suárez", ""),
    ("Omar", "García", "Harfuch", ""),
    ("Alfonso", "Durazo", "Montaño", ""),
    ("Silvano", "Aureoles", "Conejo", ""),
    ("Alfredo", "Ramírez", "Bedolla", ""),
    ("Andrés Julián", "Rendón", "Cardona", ""),
    ("Francia", "Márquez", "Mina", ""),
    ("Iván", "Velásquez", "Gómez", ""),
    ("Diego", "Molano", "Aponte", ""),
    ("Óscar", "Naranjo", "Trujillo", ""),
    ("Julio", "César", "Chávez", ""),
    ("María", "Fernanda", "Cabal", ""),
    ("Juan Carlos", "Pinzón", "Bueno", ""),
    ("Luis Fernando", "Navarro", "Jiménez", ""),
    ("Emilio", "Archila", "Peñalosa", ""),
    ("Volodymyr", "Zelensky", "", ""),
    ("Vasyl", "Maliuk", "", ""),
    ("Kyrylo", "Budanov", "", ""),
    ("Dmytro", "Kuleba", "", ""),
    ("Oleksandr", "Syrskyi", "", ""),
]
GIVEN = [
    "José",
    "Juan",
    "Luis",
    "Carlos",
    "Jorge",
    "Miguel",
    "Pedro",
    "Javier",
    "Manuel",
    "Francisco",
    "Alejandro",
    "Fernando",
    "Ricardo",
    "Roberto",
    "Sergio",
    "Raúl",
    "Andrés",
    "Diego",
    "Óscar",
    "Héctor",
    "María",
    "Ana",
    "Laura",
    "Sofía",
    "Gabriela",
    "Patricia",
    "Verónica",
    "Claudia",
    "Rosa",
    "Carmen",
]
SURNAMES = [
    "García",
    "Hernández",
    "López",
    "Martínez",
    "González",
    "Rodríguez",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Torres",
    "Flores",
    "Rivera",
    "Gómez",
    "Díaz",
    "Cruz",
    "Morales",
    "Reyes",
    "Gutiérrez",
    "Ortiz",
    "Chávez",
    "Ruiz",
    "Mendoza",
    "Castillo",
    "Jiménez",
    "Vargas",
    "Romero",
    "Herrera",
    "Medina",
]
NICK = {
    "José": "Pepe",
    "Francisco": "Paco",
    "Ignacio": "Nacho",
    "Jesús": "Chucho",
    "Eduardo": "Lalo",
    "Guillermo": "Memo",
    "Alberto": "Beto",
    "Antonio": "Toño",
    "Enrique": "Quique",
    "Vicente": "Chente",
}

# Spanish spelling to Russian Cyrillic, as Russian-language media write Latin American names.
DIGRAPHS = [("ch", "ч"), ("ll", "й"), ("rr", "рр"), ("qu", "к"), ("gue", "ге"), ("gui", "ги"), ("ñ", "нь")]
LETTERS = {
    "a": "а",
    "b": "б",
    "d": "д",
    "e": "е",
    "f": "ф",
    "h": "",
    "i": "и",
    "j": "х",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "v": "в",
    "w": "у",
    "x": "кс",
    "y": "й",
    "z": "с",
}


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def to_cyrillic(name: str) -> str:
    out = []
    for word in name.split():
        w = strip_accents(word.lower()).replace("ñ", "ñ")
        for a, b in DIGRAPHS:
            w = w.replace(a, b)
        res = ""
        for i, ch in enumerate(w):
            nxt = w[i + 1] if i + 1 < len(w) else ""
            if ch == "c":
                res += "с" if nxt in "ei" else "к"
            elif ch == "g":
                res += "х" if nxt in "ei" else "г"
            else:
                res += LETTERS.get(ch, ch)
        out.append(res[:1].upper() + res[1:])
    return " ".join(out)


def typo(name: str, rnd: random.Random) -> str:
    chars = list(name)
    idx = [i for i, c in enumerate(chars) if c.isalpha() and i > 0]
    i = rnd.choice(idx)
    op = rnd.choice(["drop", "swap", "double"])
    if op == "drop":
        del chars[i]
    elif op == "swap" and i + 1 < len(chars) and chars[i + 1].isalpha():
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    else:
        chars.insert(i, chars[i])
    return "".join(chars)


def build(seed: int = 11) -> list[tuple[str, str, int, str]]:
    rnd = random.Random(seed)
    pairs: list[tuple[str, str, int, str]] = []
    for given, pat, mat, nick in PEOPLE:
        full = " ".join(x for x in (given, pat, mat) if x)
        short = f"{given.split()[0]} {pat}"
        pairs += [
            (full, strip_accents(full), 1, "accents"),
            (full, f"{pat} {mat} {given}".strip().replace("  ", " "), 1, "order"),
            (full, f"{pat.upper()} {mat.upper()}, {given}".replace(" ,", ","), 1, "order"),
            (full, to_cyrillic(full), 1, "transliteration"),
            (short, to_cyrillic(short), 1, "transliteration"),
            (full, typo(full, rnd), 1, "typo"),
            (full, typo(strip_accents(full), rnd), 1, "typo"),
            (full, short, 1, "dropped names"),
            (strip_accents(short).lower(), full, 1, "dropped names"),
        ]
        if mat:
            pairs.append((full, f"{given} {pat}-{mat}", 1, "double surname"))
        first = given.split()[0]
        if first in NICK:
            pairs.append((full, f"{NICK[first]} {pat} {mat}".strip(), 1, "nickname"))
        if nick:
            pairs.append((f"{full}, alias {nick}", nick, 1, "alias"))
        # hard negatives: a relative (same surnames), a namesake given name, a common-name stranger
        other_given = rnd.choice([g for g in GIVEN if g != first])
        pairs.append((full, " ".join(x for x in (other_given, pat, mat) if x), 0, "relative"))
        pairs.append(
            (
                full,
                f"{first} {rnd.choice([s for s in SURNAMES if s != pat])} {rnd.choice(SURNAMES)}",
                0,
                "same given name",
            )
        )
        pairs.append((full, to_cyrillic(f"{other_given} {pat}"), 0, "relative, transliterated"))
    for _ in range(260):  # strangers with common names
        a = f"{rnd.choice(GIVEN)} {rnd.choice(SURNAMES)} {rnd.choice(SURNAMES)}"
        b = f"{rnd.choice(GIVEN)} {rnd.choice(SURNAMES)} {rnd.choice(SURNAMES)}"
        if a != b:
            pairs.append((a, b, 0, "common names"))
    for _ in range(140):  # the same common name, with a spelling change
        g, s1, s2 = rnd.choice(GIVEN), rnd.choice(SURNAMES), rnd.choice(SURNAMES)
        pairs.append((f"{g} {s1} {s2}", strip_accents(f"{s1} {s2} {g}"), 1, "order"))
    return pairs


def main() -> None:
    pairs = build()
    with (HERE / "pairs.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["a", "b", "same", "kind"])
        w.writerows(pairs)
    print(f"{len(pairs)} pairs ({sum(p[2] for p in pairs)} same, {sum(1 - p[2] for p in pairs)} different)")


if __name__ == "__main__":
    main()
