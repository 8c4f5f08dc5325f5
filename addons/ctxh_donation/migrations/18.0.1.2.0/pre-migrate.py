def migrate(cr, version):
    """The receipt became a wrapper that prints each donor's receipt in their language
    (report_donation_receipt) around the document itself (report_donation_receipt_document), which
    the VietQR block now extends. The old VietQR extension still hangs on the wrapper and would
    make its update fail: remove it, the module's data creates it again on the document."""
    cr.execute(
        """
        WITH gone AS (
            DELETE FROM ir_model_data
             WHERE module = 'ctxh_donation' AND name = 'report_donation_receipt_vietqr'
                   AND model = 'ir.ui.view'
         RETURNING res_id
        )
        DELETE FROM ir_ui_view WHERE id IN (SELECT res_id FROM gone)
        """
    )
