from decimal import Decimal

from django import template

register = template.Library()

NO_FIGURE = "—"


def _normalized(value):
    value = Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def plain_number(value):
    """'1788', '58.2', '' for no figure: for CSV cells."""
    if value is None or value == "":
        return ""
    return format(_normalized(value), "f")


@register.filter
def kpi_number(value):
    """'1,788', '58.2', '—' for no figure."""
    if value is None or value == "":
        return NO_FIGURE
    return format(_normalized(value), ",f")


@register.filter
def kpi_figure(value, unit):
    """'83自治体', '57%', '—'."""
    if value is None or value == "":
        return NO_FIGURE
    return f"{kpi_number(value)}{unit}"


@register.filter
def kpi_change(value, unit=""):
    """'+17回', '−3回', '±0回', '+1.2ポイント' (a change of a percentage), '—'."""
    if value is None or value == "":
        return NO_FIGURE
    if unit == "%":
        unit = "ポイント"
    if value > 0:
        return f"+{kpi_number(value)}{unit}"
    if value < 0:
        return f"−{kpi_number(-value)}{unit}"
    return f"±0{unit}"


@register.inclusion_tag("kpi/includes/progress.html")
def kpi_progress(result):
    """The bar of one indicator against its target, with its figures in words."""
    return {"result": result, "unit": result.indicator.unit}
