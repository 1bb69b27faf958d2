"""Errors raised where a report cannot be taken in; the CLI and UI turn them into messages."""


class IngestError(Exception):
    """A file that cannot be ingested. ``message_zh`` is what the UI shows."""

    message_zh = "无法导入该文件"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.__class__.__doc__ or self.message_zh)
        self.detail = detail

    def bilingual(self) -> str:
        return f"{self.message_zh}：{self}" if self.detail else f"{self.message_zh} ({self})"


class UnsupportedFormat(IngestError):
    """unsupported file type"""

    message_zh = "不支持的文件类型"


class EmptyDocument(IngestError):
    """the file holds no readable text"""

    message_zh = "文件没有可读取的文字"


class ScannedPdf(IngestError):
    """PDF has no text layer (scanned, needs OCR)"""

    message_zh = "PDF 没有文字层（扫描件，需要先做文字识别）"


class CorruptFile(IngestError):
    """the file is damaged or not what its name says"""

    message_zh = "文件已损坏或与扩展名不符"


class TooLarge(IngestError):
    """the file (or what it unpacks to) is over the size limit"""

    message_zh = "文件过大"


class EncryptedPdf(IngestError):
    """the PDF is password-protected"""

    message_zh = "PDF 已加密，无法读取"


class ParseTimeout(IngestError):
    """reading the file took too long"""

    message_zh = "文件解析超时"
