"""The project's set-up: imports, packaging, Binder and the two README commands."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_is_light():
    code = (
        "import sys, kmeans_lab; "
        "heavy = [m for m in ('matplotlib', 'sympy', 'ipywidgets', 'sklearn', 'scipy', 'IPython', 'dask', "
        "'distributed') "
        "if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import kmeans_lab pulled in {out.stdout.strip()}"


def test_submodules_load_on_first_use():
    code = (
        "import kmeans_lab as kl; kl.plotting.plot_clusters; kl.symbolic; kl.widgets; kl.datasets; "
        "kl.exercises"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_runtime_dependencies_are_the_design_cards():
    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {re.split(r"[<>=!~ ;\[]", dep)[0].lower() for dep in project["dependencies"]}
    assert names == {"numpy", "matplotlib", "sympy", "ipywidgets", "threadpoolctl"}
    assert project["requires-python"] == ">=3.10"
    test_extra = {
        re.split(r"[<>=!~ ;\[]", dep)[0].lower() for dep in project["optional-dependencies"]["test"]
    }
    assert {"pytest", "nbval", "hypothesis", "scikit-learn", "ruff", "numba"} <= test_extra
    lab_extra = {re.split(r"[<>=!~ ;\[]", dep)[0].lower() for dep in project["optional-dependencies"]["lab"]}
    # The lessons compare with scikit-learn and SciPy; `import kmeans_lab` itself needs only NumPy.
    assert {"jupyterlab", "ipykernel", "scikit-learn", "scipy"} <= lab_extra
    # The compiled engine is optional for the package, and installed by the course's set-up.
    for extra in ("fast", "lab"):
        assert any(dep.startswith("numba") for dep in project["optional-dependencies"][extra])
    # Lesson 11 runs K-Means on a Dask cluster, so `make lab` installs the `dask` extra's packages too.
    assert project["optional-dependencies"]["dask"] == [
        dep for dep in project["optional-dependencies"]["lab"] if dep.startswith(("dask", "distributed"))
    ]


def test_the_build_backend_reads_the_licence_expression():
    tomllib = pytest.importorskip("tomllib")
    from packaging.requirements import Requirement

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert isinstance(pyproject["project"]["license"], str)  # an SPDX expression (PEP 639)
    (setuptools,) = [
        Requirement(r) for r in pyproject["build-system"]["requires"] if r.startswith("setuptools")
    ]
    # Older setuptools reject a string licence or license-files: it must not be allowed.
    assert not any(setuptools.specifier.contains(old) for old in ("64", "70.0", "76.1.1"))
    assert setuptools.specifier.contains("77.0.0")


def test_readme_shows_the_two_commands_conda_and_binder():
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    assert "conda env create -f environment.yml" in readme
    assert re.search(
        r"https://mybinder\.org/badge_logo\.svg\)\]\(https://mybinder\.org/v2/gh/[^/]+/[^/]+/HEAD"
        r"\?urlpath=lab/tree/notebooks/\d\d_\w+\.ipynb\)",
        readme,
    )
    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        assert f"notebooks/{notebook.name}" in readme, f"README does not list {notebook.name}"


def test_ci_runs_make_test():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert ci.index("make test") < ci.index("make test-openmp")
    workflow = (ROOT / ".github" / "workflows" / "test.yml").read_text()
    assert "make test" in workflow


def runs_on(step, version):
    """Whether a workflow step runs in the matrix job for Python ``version``."""
    if "if" not in step:
        return True
    condition = re.fullmatch(r"matrix\.python-version (==|!=) '([\d.]+)'", step["if"].strip())
    assert condition, f"unexpected condition {step['if']!r}"
    return (version == condition[2]) == (condition[1] == "==")


def test_notebook_outputs_are_compared_only_on_the_pinned_python():
    yaml = pytest.importorskip("yaml")
    job = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text())["jobs"]["test"]
    commands = {
        version: [step["run"] for step in job["steps"] if "run" in step and runs_on(step, version)]
        for version in job["strategy"]["matrix"]["python-version"]
    }
    assert commands["3.11"] == ["make test", "make test-openmp"]
    assert commands["3.10"] == commands["3.12"] == ["make test-unit"]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test_lints_first():
    out = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    lint = "python -m ruff check kmeans_lab tests benchmarks browser_tests"
    assert lint in out
    assert out.index(lint) < out.index("-m pytest tests notebooks")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_serves_without_a_display_on_the_chosen_port():
    out = subprocess.run(
        ["make", "-n", "lab", "PORT=9876"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "--port=9876" in out.stdout and "--no-browser" in out.stdout
    assert "lab/tree/notebooks/" in out.stdout


def test_environment_files_list_the_packages():
    for path in (ROOT / "environment.yml", ROOT / "binder" / "environment.yml"):
        text = path.read_text()
        assert "conda-forge" in text
        for package in ("python", "numpy", "matplotlib", "sympy", "ipywidgets", "scikit-learn", "scipy",
                        "jupyterlab", "dask", "distributed", "pip"):  # fmt: skip
            assert re.search(rf"^\s*-\s*{package}\b", text, re.MULTILINE), f"{path.name} lacks {package}"
    assert "-e ." in (ROOT / "environment.yml").read_text()
    post_build = (ROOT / "binder" / "postBuild").read_text().splitlines()
    assert post_build[0].startswith("#!") and "set -e" in post_build[1:3]
    assert any("pip install" in line and line.rstrip().endswith(" .") for line in post_build)


def normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def constraint_pins():
    lines = (ROOT / "requirements" / "constraints.txt").read_text().splitlines()
    pins = [line.split(";")[0].strip().split("==") for line in lines if "==" in line]
    return {normalised(name): version for name, version in pins}


def conda_specs(path):
    """{package: version spec} of a conda environment file's conda packages."""
    yaml = pytest.importorskip("yaml")
    dependencies = yaml.safe_load(path.read_text())["dependencies"]
    specs = [
        re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", dep).groups()
        for dep in dependencies
        if isinstance(dep, str)
    ]
    return {normalised(name): spec for name, spec in specs}


def test_conda_environments_pin_the_versions_of_the_constraints():
    pins = constraint_pins()
    files = [ROOT / "environment.yml", ROOT / "binder" / "environment.yml"]
    specs = {path: conda_specs(path) for path in files}
    for path, spec in specs.items():
        pinned = ("numpy", "matplotlib", "sympy", "ipywidgets", "threadpoolctl", "scikit-learn", "scipy",
                  "jupyterlab", "numba", "dask", "distributed")  # fmt: skip
        for package in pinned:
            assert spec.get(package) == f"=={pins[package]}", f"{path.name}: {package} {spec.get(package)!r}"
        for package, version in spec.items():
            if package in pins:
                assert version == f"=={pins[package]}", f"{path.name}: {package} {version!r}"
        # The pins are made for Python >= 3.11 (their markers), and checked with 3.11.
        assert spec["python"] == "=3.11"
    shared = specs[files[0]].keys() & specs[files[1]].keys()
    assert {name: specs[files[0]][name] for name in shared} == {
        name: specs[files[1]][name] for name in shared
    }


def test_repo2docker_builds_from_the_binder_folder():
    repo2docker = Path(sys.executable).with_name("repo2docker")
    if not repo2docker.exists():
        pytest.skip("jupyter-repo2docker is not installed")
    out = subprocess.run(
        [str(repo2docker), "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    dockerfile = out.stdout + out.stderr
    assert out.returncode == 0, dockerfile[-2000:]
    assert '--file "binder/environment.yml"' in dockerfile
    assert "RUN ./binder/postBuild" in dockerfile
