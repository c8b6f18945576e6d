"""计生协离线数据采集: the core, with no GUI imports (see STYLE.md, the layers)."""

__version__ = "0.1.0"
