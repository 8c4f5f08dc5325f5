"""Workbooks that print as a Vietnamese office prints them (shared by every ctxh workbook)."""


def set_print_a4(sheet, header_row, landscape=False):
    """Print an xlsxwriter ``sheet`` on A4 paper, fitted to the width of the page (a title merged
    across the columns is never cut onto a second page), its column headers (0-based
    ``header_row``) repeated at the top of every page and the page number at the bottom."""
    sheet.set_paper(9)
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer("&C&P / &N")
