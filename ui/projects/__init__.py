"""项目服务: the project list and overview, the project and payment forms."""
