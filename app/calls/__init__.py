"""The contact register 来电/咨询登记: every call, chat or visit logged while it happens."""
