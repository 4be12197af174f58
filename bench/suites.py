"""Benchmark suites, one function per figure set. Later issues add theirs to ALL."""

ALL: list = []


def sbb_import() -> None:
    """SBB XML import: the three samples, then 200 generated dossiers (and a re-run).

    Targets: 200 dossiers in under 60 s, peak memory under 300 MB.
    """
    import resource
    import tempfile
    import time
    import tracemalloc
    import xml.etree.ElementTree as ET
    from pathlib import Path

    from django.conf import settings

    from qualifications.services import import_sbb_file

    samples = sorted((Path(settings.DATA_DIR) / "sbb").glob("*.xml"))

    tracemalloc.start()
    started = time.perf_counter()
    for path in samples:
        import_sbb_file(path)
    elapsed = time.perf_counter() - started
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"SBB import, {len(samples)} samples: {elapsed:.2f} s, "
        f"Python peak (tracemalloc) {traced_peak / 2**20:.1f} MB"
    )

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index in range(200):
            # Renumber a sample: new dossier number and crebos, SBB ids offset per copy.
            tree = ET.parse(samples[index % len(samples)])  # noqa: S314 (trusted sample)
            dossier = tree.getroot().find("dossiers/dossier")
            offset = (index + 1) * 10_000_000
            for element in dossier.iter():
                if element.get("nr"):
                    element.set("nr", str(int(element.get("nr")) + offset))
                if element.get("referentie") and element.tag != "sectorkamer":
                    element.set("referentie", str(int(element.get("referentie")) + offset))
            dossier.set("nr", str(900_000 + index))
            dossier.find("dossiercrebos/dossiercrebo").text = str(30_000 + index)
            for number, crebo in enumerate(dossier.iter("crebo")):
                crebo.text = str(40_000 + index * 10 + number)
            path = Path(folder) / f"generated-{index:03}.xml"
            tree.write(path, encoding="utf-8", xml_declaration=True)
            paths.append(path)

        for label in ("first import", "second import (no changes)"):
            started = time.perf_counter()
            results = [import_sbb_file(path) for path in paths]
            elapsed = time.perf_counter() - started
            rows = sum(result.added + result.changed + result.unchanged for result in results)
            max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"SBB import, 200 generated dossiers, {label}: {elapsed:.1f} s "
                f"({rows} rows), process peak RSS {max_rss:.0f} MB "
                "(targets: < 60 s, < 300 MB)"
            )


ALL.append(sbb_import)
