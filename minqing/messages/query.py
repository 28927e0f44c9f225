"""Messages of `minqing query` (SQL over the export tables with DuckDB)."""

CATALOG = {
    "help.query": (
        "用 SQL 查询民情数据（只读）。表与 export 相同：entries（日记）、issues（诉求）、updates（跟踪）、households（农户）、"
        "quota（每周记录数）；在工作区上每张表多一列 repo。需要 duckdb：pip install 'minqing[analytics]'",
        "Query the records with SQL (read-only). The tables are export's: entries, issues, updates, households, quota; "
        "on a workspace every table has a repo column. Needs duckdb: pip install 'minqing[analytics]'",
    ),
    "help.query.short": ("用 SQL 查询民情数据（只读）", "Query the records with SQL (read-only)"),
    "help.query.sql": ("一条 SELECT（或 WITH … SELECT）语句", "one SELECT (or WITH … SELECT) statement"),
    "help.query.parquet": (
        "不读仓库，改为查询各村 CI 发布的 Parquet 文件夹（export --format parquet 的输出；可重复，文件夹名即 repo）",
        "query published Parquet folders (the output of export --format parquet) instead of repositories; repeatable, the folder name is the repo",
    ),
    "query.noduckdb": (
        "minqing query 需要 duckdb，但没有安装。请运行：pip install 'minqing[analytics]'（或 pip install duckdb）",
        "minqing query needs duckdb, which is not installed. Run: pip install 'minqing[analytics]' (or pip install duckdb)",
    ),
    "query.syntax": ("SQL 语句有语法错误：{problem}", "the SQL statement has a syntax error: {problem}"),
    "query.onestatement": ("请只写一条语句（现在是 {count} 条）", "give exactly one statement (there are {count})"),
    "query.readonly": (
        "query 只读：只接受 SELECT 或 WITH … SELECT，不接受 {kind}",
        "query is read-only: only SELECT or WITH … SELECT, not {kind}",
    ),
    "query.failed": ("查询失败：{problem}", "the query failed: {problem}"),
    "query.noparquet": ("{path} 不是含 Parquet 文件的文件夹（应是 export --format parquet 的输出）", "{path} is not a folder of Parquet files (the output of export --format parquet)"),
    "query.dupfolder": ("两个 Parquet 文件夹同名“{name}”（{first} 和 {second}）：文件夹名就是 repo，请改名其一", "two Parquet folders are named '{name}' ({first} and {second}): the folder name is the repo; rename one"),
}
