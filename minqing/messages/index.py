"""Messages of the records index (minqing/index/)."""

CATALOG: dict[str, tuple[str, str]] = {
    "index.link": ("{path} 是符号链接，minqing 不经链接读写记录索引，这次没有使用索引；请删除这个链接",
                   "{path} is a symbolic link; minqing never reads or writes its records index through a link, "
                   "so it ran without the index: remove the link"),
    "index.notdir": ("{path} 不是文件夹（或不是普通文件），这次没有使用记录索引；请删除它",
                     "{path} is not a folder (or not a regular file), so minqing ran without the records index: remove it"),
    "index.owner": ("{path} 属于其他用户，这次没有使用记录索引；请删除它",
                    "{path} belongs to another user, so minqing ran without the records index: remove it"),
    "index.key": ("{path} 不是只属于您的私有文件（所有者、权限或链接不对），已重新生成密钥，记录索引将重建",
                  "{path} was not a private file of yours (owner, mode or link); a new secret was made and the "
                  "records index will be rebuilt"),
}
