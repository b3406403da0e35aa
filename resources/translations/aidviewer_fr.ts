<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;New…</source>
        <translation>&amp;Nouveau…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Create a new, empty catalogue file</source>
        <translation>Créer un nouveau fichier de catalogue vide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Open a catalogue file</source>
        <translation>Ouvrir un fichier de catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Close the catalogue</source>
        <translation>Fermer le catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;Clear Menu</source>
        <translation>&amp;Vider le menu</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Forget the recently opened catalogues</source>
        <translation>Oublier les catalogues ouverts récemment</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Quit aidviewer</source>
        <translation>Quitter aidviewer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;Find…</source>
        <translation>&amp;Rechercher…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Search the table that is shown</source>
        <translation>Rechercher dans le tableau affiché</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>C&amp;lear Search and Filters</source>
        <translation>&amp;Effacer la recherche et les filtres</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Show every row of the table again</source>
        <translation>Afficher de nouveau toutes les lignes du tableau</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;Save View…</source>
        <translation>Enregistrer la &amp;vue…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Keep this search, its filters, sort and columns under a name</source>
        <translation>Conserver cette recherche, ses filtres, son tri et ses colonnes sous un nom</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Add &amp;Note…</source>
        <translation>Ajouter une no&amp;te…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Write a note on the aid record or meeting shown</source>
        <translation>Écrire une note sur la fiche d’aide ou la réunion affichée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;Delete</source>
        <translation>S&amp;upprimer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Delete the aid record or meeting shown, with its notes; Undo brings it back</source>
        <translation>Supprimer la fiche d’aide ou la réunion affichée, avec ses notes ; Annuler la rétablit</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>New Re&amp;cord…</source>
        <translation>Nouvelle &amp;fiche…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Enter a new aid record</source>
        <translation>Saisir une nouvelle fiche d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Change the aid record or meeting shown</source>
        <translation>Modifier la fiche d’aide ou la réunion affichée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>New &amp;Meeting…</source>
        <translation>Nouvelle réu&amp;nion…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Write up a new meeting</source>
        <translation>Consigner une nouvelle réunion</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Duplica&amp;te Record…</source>
        <translation>&amp;Dupliquer la fiche…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Start a new aid record from a copy of the one shown</source>
        <translation>Commencer une nouvelle fiche d’aide à partir d’une copie de celle affichée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Mer&amp;ge Organisation Into…</source>
        <translation>Fusionner l’or&amp;ganisation dans…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Make the organisation selected one with another: its records and people follow, its names become aliases</source>
        <translation>Fusionner l’organisation sélectionnée avec une autre : ses fiches et ses personnes la suivent, ses noms deviennent d’autres noms</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Edit &amp;Selected Records…</source>
        <translation>Modifier les fiches &amp;sélectionnées…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Set fields of every selected aid record at once, with a preview</source>
        <translation>Modifier des champs de toutes les fiches sélectionnées en une fois, avec un aperçu</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>New &amp;Organisation…</source>
        <translation>Nouvelle &amp;organisation…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Add a donor, recipient or implementer</source>
        <translation>Ajouter un donateur, un bénéficiaire ou un partenaire d’exécution</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>New &amp;Person…</source>
        <translation>Nouvelle &amp;personne…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Add a person who takes part in meetings</source>
        <translation>Ajouter une personne qui participe aux réunions</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Print Pre&amp;view…</source>
        <translation>&amp;Aperçu avant impression…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>See a report page by page before printing it</source>
        <translation>Voir un rapport page par page avant de l’imprimer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;Print…</source>
        <translation>Im&amp;primer…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Print a report of the catalogue</source>
        <translation>Imprimer un rapport du catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Export P&amp;DF…</source>
        <translation>Exporter en P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Save a report of the catalogue as a PDF file</source>
        <translation>Enregistrer un rapport du catalogue dans un fichier PDF</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Back &amp;Up Now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Make a checked backup of the catalogue as it is now</source>
        <translation>Faire une sauvegarde vérifiée du catalogue dans son état actuel</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Res&amp;tore from Backup…</source>
        <translation>Res&amp;taurer une sauvegarde…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Go back to a backup of the catalogue</source>
        <translation>Revenir à une sauvegarde du catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Pre&amp;ferences…</source>
        <translation>Préférenc&amp;es…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Your name, the report page, backups, how aidviewer starts</source>
        <translation>Votre nom, la page des rapports, les sauvegardes, le démarrage d’aidviewer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Every shortcut of the window</source>
        <translation>Tous les raccourcis de la fenêtre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;Check Catalogue</source>
        <translation>&amp;Vérifier le catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Check the catalogue file for damage</source>
        <translation>Vérifier que le fichier du catalogue n’est pas endommagé</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Bring records in from a CSV, XLSX, IATI, Kiel, FTS or JSON file</source>
        <translation>Importer des fiches d’un fichier CSV, XLSX, IATI, Kiel, FTS ou JSON</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/actions.py"/>
        <source>Save records as CSV, XLSX, IATI or JSON, or meetings as iCalendar</source>
        <translation>Enregistrer les fiches en CSV, XLSX, IATI ou JSON, ou les réunions en iCalendar</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>daily</source>
        <translation>quotidienne</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>on closing</source>
        <translation>à la fermeture</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>by hand</source>
        <translation>manuelle</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>before an update</source>
        <translation>avant une mise à jour</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Restore from Backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Choose the backup of “{name}” to go back to. The catalogue as it is now is kept beside the backups, so that nothing is lost.</source>
        <translation>Choisissez la sauvegarde de « {name} » à laquelle revenir. Le catalogue tel qu’il est maintenant est conservé à côté des sauvegardes : rien n’est perdu.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Backups</source>
        <translation>Sauvegardes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Made</source>
        <translation>Créée le</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Records</source>
        <translation>Fiches</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Meetings</source>
        <translation>Réunions</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Go back to one of its backups, or try to salvage what can still be read of it into a new file.</source>
        <translation>Revenez à l’une de ses sauvegardes, ou tentez de sauver ce qui peut encore en être lu dans un nouveau fichier.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>It has no backups to go back to; you can try to salvage what can still be read of it into a new file.</source>
        <translation>Il n’a aucune sauvegarde à laquelle revenir ; vous pouvez tenter de sauver ce qui peut encore en être lu dans un nouveau fichier.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Either way, the damaged file is kept beside it as “{kept}”.</source>
        <translation>Dans les deux cas, le fichier endommagé est conservé à côté sous le nom « {kept} ».</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>The Catalogue Is Damaged</source>
        <translation>Le catalogue est endommagé</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>&amp;Restore Backup</source>
        <translation>&amp;Restaurer la sauvegarde</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Try to &amp;Salvage</source>
        <translation>Tenter un &amp;sauvetage</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>No backup of “{name}” is made while it is damaged; its backups are kept as they are.</source>
        <translation>Aucune sauvegarde de « {name} » n’est faite tant qu’il est endommagé ; ses sauvegardes sont gardées telles quelles.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>“{name}” is backed up.</source>
        <translation>« {name} » est sauvegardé.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Backing up “{name}”…</source>
        <translation>Sauvegarde de « {name} »…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>No backup was made</source>
        <translation>Aucune sauvegarde n’a été faite</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>“{name}” is backed up as “{backup}”.</source>
        <translation>« {name} » est sauvegardé sous « {backup} ».</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>No backup of “{name}” could be made: {why}</source>
        <translation>Aucune sauvegarde de « {name} » n’a pu être faite : {why}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Finishing the backup of the catalogue…</source>
        <translation>Fin de la sauvegarde du catalogue…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>“{name}” has no backups yet.</source>
        <translation>« {name} » n’a encore aucune sauvegarde.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>No backups</source>
        <translation>Aucune sauvegarde</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Restoring “{name}”…</source>
        <translation>Restauration de « {name} »…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Cannot restore the backup</source>
        <translation>Impossible de restaurer la sauvegarde</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Backup restored</source>
        <translation>Sauvegarde restaurée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>“{name}” is as it was on {when}. The catalogue as it was before is kept as “{kept}”.</source>
        <translation>« {name} » est revenu à son état du {when}. Le catalogue tel qu’il était avant est conservé sous le nom « {kept} ».</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Salvaging “{name}”…</source>
        <translation>Sauvetage de « {name} »…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Cannot salvage the catalogue</source>
        <translation>Impossible de sauver le catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Catalogue salvaged</source>
        <translation>Catalogue sauvé</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>“{name}” is as it was on {when}. The damaged file is kept as “{kept}”.</source>
        <translation>« {name} » est tel qu’il était le {when}. Le fichier endommagé est conservé sous le nom « {kept} ».</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>“{name}” now holds what could be read of it: {records} records, {meetings} meetings and {notes} notes.</source>
        <translation>« {name} » contient désormais ce qui a pu en être lu : {records} fiches, {meetings} réunions et {notes} notes.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Every row could be read.</source>
        <translation>Toutes les lignes ont pu être lues.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>Some rows on damaged pages could not be read: compare it with your latest backup.</source>
        <translation>Certaines lignes de pages endommagées n’ont pas pu être lues : comparez-le avec votre dernière sauvegarde.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>{records} records, {meetings} meetings and {notes} notes could not be read: compare it with your latest backup.</source>
        <translation>{records} fiches, {meetings} réunions et {notes} notes n’ont pas pu être lues : comparez-le avec votre dernière sauvegarde.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/backup_actions.py"/>
        <source>The damaged file is kept as “{kept}”.</source>
        <translation>Le fichier endommagé est conservé sous le nom « {kept} ».</translation>
    </message>
    <message>
        <source>{n} rows could not be read: compare it with your latest backup.</source>
        <translation type="vanished">{n} lignes n’ont pas pu être lues : comparez-le avec votre dernière sauvegarde.</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation type="vanished">Sauvegarde en cours</translation>
    </message>
</context>
<context>
    <name>BrowsePage</name>
    <message>
        <location filename="../../aidviewer/ui/browse_page.py"/>
        <source>Aid records</source>
        <translation>Fiches d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/browse_page.py"/>
        <source>Meetings</source>
        <translation>Réunions</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/browse_page.py"/>
        <source>The selected aid record</source>
        <translation>La fiche d’aide sélectionnée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/browse_page.py"/>
        <source>The selected meeting</source>
        <translation>La réunion sélectionnée</translation>
    </message>
</context>
<context>
    <name>BulkEditDialog</name>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Edit 1 Record</source>
        <translation>Modifier 1 fiche</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Edit {n} Records</source>
        <translation>Modifier {n} fiches</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Aid type</source>
        <translation>Type d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Donor</source>
        <translation>Donateur</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Recipient</source>
        <translation>Bénéficiaire</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Implementer</source>
        <translation>Partenaire d’exécution</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Stages</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Aid t&amp;ype:</source>
        <translation>&amp;Type d’aide :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>&amp;Category:</source>
        <translation>&amp;Catégorie :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>&amp;Donor:</source>
        <translation>D&amp;onateur :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>&amp;Recipient:</source>
        <translation>&amp;Bénéficiaire :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>&amp;Implementer:</source>
        <translation>Partenaire d’e&amp;xécution :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Add ta&amp;gs:</source>
        <translation>A&amp;jouter des étiquettes :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Re&amp;move tags:</source>
        <translation>&amp;Retirer des étiquettes :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>separated by commas</source>
        <translation>séparées par des virgules</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>&amp;Stage reached:</source>
        <translation>Étape attei&amp;nte :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>2023-11-10, 2023-11 or 2023</source>
        <translation>2023-11-10, 2023-11 ou 2023</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Tags to add</source>
        <translation>Étiquettes à ajouter</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Tags to remove</source>
        <translation>Étiquettes à retirer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Stage reached</source>
        <translation>Étape atteinte</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Record</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Now</source>
        <translation>Actuellement</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Tick each field to set on the selected record. The others stay as it is.</source>
        <translation>Cochez chaque champ à définir sur la fiche sélectionnée. Les autres champs restent inchangés.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Tick each field to set on all {n} selected records. The others stay as each record has them.</source>
        <translation>Cochez chaque champ à définir sur les {n} fiches sélectionnées. Les autres champs restent inchangés sur chaque fiche.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>on da&amp;te:</source>
        <translation>à la &amp;date :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>&amp;Preview:</source>
        <translation>A&amp;perçu :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>No organisation is named “{name}”.</source>
        <translation>Aucune organisation ne s’appelle « {name} ».</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>“{tag}” cannot be both added and removed.</source>
        <translation>« {tag} » ne peut pas être à la fois ajoutée et retirée.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>“{date}” is not a date such as 2023-11-10, 2023-11 or 2023.</source>
        <translation>« {date} » n’est pas une date comme 2023-11-10, 2023-11 ou 2023.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>“{title}”: {why}</source>
        <translation>« {title} » : {why}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>… and {n} more.</source>
        <translation>… et {n} de plus.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>&amp;Apply to 1 Record</source>
        <translation>&amp;Appliquer à 1 fiche</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>&amp;Apply to {n} Records</source>
        <translation>&amp;Appliquer à {n} fiches</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>Nothing to change yet.</source>
        <translation>Rien à modifier pour l’instant.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>The record will change.</source>
        <translation>La fiche va changer.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>The record already has these values.</source>
        <translation>La fiche a déjà ces valeurs.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/bulk_edit_dialog.py"/>
        <source>{n} of {total} records will change.</source>
        <translation>{n} fiches sur {total} vont changer.</translation>
    </message>
</context>
<context>
    <name>CatalogueView</name>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>Cannot show it</source>
        <translation>Affichage impossible</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>It is no longer in the catalogue.</source>
        <translation>Cet élément n’est plus dans le catalogue.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>Save View</source>
        <translation>Enregistrer la vue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>Name of the view:</source>
        <translation>Nom de la vue :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>Cannot save the view</source>
        <translation>Impossible d’enregistrer la vue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>Cannot open the view</source>
        <translation>Impossible d’ouvrir la vue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>Rename View</source>
        <translation>Renommer la vue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>New name:</source>
        <translation>Nouveau nom :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>Cannot rename the view</source>
        <translation>Impossible de renommer la vue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>Delete the view “{name}”? Its records stay as they are.</source>
        <translation>Supprimer la vue « {name} » ? Ses fiches restent telles quelles.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>Delete View</source>
        <translation>Supprimer la vue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/catalogue_view.py"/>
        <source>Cannot delete the view</source>
        <translation>Impossible de supprimer la vue</translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Remove this filter</source>
        <translation>Retirer ce filtre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Remove filter {text}</source>
        <translation>Retirer le filtre {text}</translation>
    </message>
</context>
<context>
    <name>ChoiceDialog</name>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>Type to narrow the list</source>
        <translation>Tapez pour filtrer la liste</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>Narrow the list</source>
        <translation>Filtrer la liste</translation>
    </message>
</context>
<context>
    <name>ColumnChooser</name>
    <message>
        <location filename="../../aidviewer/ui/columns.py"/>
        <source>Show &amp;All Columns</source>
        <translation>&amp;Afficher toutes les colonnes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/columns.py"/>
        <source>&amp;Columns</source>
        <translation>&amp;Colonnes</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Changed while you were editing</source>
        <translation>Modifié pendant votre saisie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>{who} saved this meeting at {when}, after you opened it.</source>
        <translation>{who} a enregistré cette réunion le {when}, après que vous l’avez ouverte.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>{who} saved this aid record at {when}, after you opened it.</source>
        <translation>{who} a enregistré cette fiche d’aide le {when}, après que vous l’avez ouverte.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Choose, for each field that now differs, which value to keep.</source>
        <translation>Choisissez, pour chaque champ qui diffère maintenant, la valeur à garder.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Someone</source>
        <translation>Quelqu’un</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Fields that differ</source>
        <translation>Champs qui diffèrent</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Yours</source>
        <translation>Votre version</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>In the file now</source>
        <translation>Version du fichier</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Keep &amp;Mine</source>
        <translation>Garder ma &amp;version</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Take &amp;Theirs</source>
        <translation>Prendre l’&amp;autre version</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>&amp;Save as Chosen</source>
        <translation>&amp;Enregistrer ce choix</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Donor</source>
        <translation>Donateur</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Recipient</source>
        <translation>Bénéficiaire</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Implementer</source>
        <translation>Partenaire d’exécution</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Aid type</source>
        <translation>Type d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Item</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Stages</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Topics</source>
        <translation>Sujets</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Minutes</source>
        <translation>Compte rendu</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Decisions and follow-ups</source>
        <translation>Décisions et actions de suivi</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/conflict_dialog.py"/>
        <source>Aid discussed</source>
        <translation>Aide examinée</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>Value by donor</source>
        <translation>Valeur par donateur</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>Value by category</source>
        <translation>Valeur par catégorie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>Value by stage reached</source>
        <translation>Valeur par étape atteinte</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>Value by month announced</source>
        <translation>Valeur par mois d’annonce</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>No catalogue is open.</source>
        <translation>Aucun catalogue n’est ouvert.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>No aid records match.</source>
        <translation>Aucune fiche d’aide ne correspond.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>Others</source>
        <translation>Autres</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>No donor</source>
        <translation>Sans donateur</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>No category</source>
        <translation>Sans catégorie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>No stage</source>
        <translation>Sans étape</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>1 record has no month announced and is left out.</source>
        <translation>1 fiche n’a pas de mois d’annonce et n’est pas comptée.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>{n} records have no month announced and are left out.</source>
        <translation>{n} fiches n’ont pas de mois d’annonce et ne sont pas comptées.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>{total} in 1 aid record</source>
        <translation>{total} pour 1 fiche d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>{total} in {records} aid records</source>
        <translation>{total} pour {records} fiches d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>({valued} with a value in euros)</source>
        <translation>({valued} avec une valeur en euros)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>€{value}B</source>
        <translation>{value} Md€</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>€{value}M</source>
        <translation>{value} M€</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>€{value}K</source>
        <translation>{value} k€</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>€{value}</source>
        <translation>{value} €</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dashboard.py"/>
        <source>€0</source>
        <translation>0 €</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../aidviewer/ui/dashboard_page.py"/>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
</context>
<context>
    <name>DataActions</name>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>CSV table (records)</source>
        <translation>Tableau CSV (fiches)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>Excel workbook (records)</source>
        <translation>Classeur Excel (fiches)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>IATI 2.03 activity XML (records)</source>
        <translation>XML d’activités IATI 2.03 (fiches)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>The whole catalogue as JSON</source>
        <translation>Tout le catalogue en JSON</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>iCalendar (meetings)</source>
        <translation>iCalendar (réunions)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>The records the table shows, with its filters</source>
        <translation>Les fiches affichées dans le tableau, avec ses filtres</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>The {n} selected records</source>
        <translation>Les {n} fiches sélectionnées</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>Every record</source>
        <translation>Toutes les fiches</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>&amp;Format:</source>
        <translation>&amp;Format :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>Covering:</source>
        <translation>Périmètre :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>Cannot import</source>
        <translation>Importation impossible</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>This catalogue is open read-only.</source>
        <translation>Ce catalogue est ouvert en lecture seule.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>Import “{name}”</source>
        <translation>l’importation de « {name} »</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>Writing {name}…</source>
        <translation>Écriture de {name}…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>Cannot export</source>
        <translation>Exportation impossible</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>“{name}” could not be written: {why}</source>
        <translation>« {name} » n’a pas pu être écrit : {why}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/io_actions.py"/>
        <source>Exported {n} to “{name}”.</source>
        <translation>{n} exporté(s) dans « {name} ».</translation>
    </message>
</context>
<context>
    <name>DateRangeDialog</name>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>Date range</source>
        <translation>Période</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>From date</source>
        <translation>Date de début</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>To date</source>
        <translation>Date de fin</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>Records with a stage dated in this range.</source>
        <translation>Fiches ayant une étape datée dans cette période.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>Choose a start, an end, or both.</source>
        <translation>Choisissez un début, une fin, ou les deux.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>The end comes before the start.</source>
        <translation>La fin est avant le début.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Donor</source>
        <translation>Donateur</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Recipient</source>
        <translation>Bénéficiaire</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Implementer</source>
        <translation>Partenaire d’exécution</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Aid type</source>
        <translation>Type d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Item</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Value in EUR</source>
        <translation>Valeur en EUR</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Exchange rate</source>
        <translation>Taux de change</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Rate date</source>
        <translation>Date du taux</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Stages</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Minutes</source>
        <translation>Compte rendu</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Topics</source>
        <translation>Sujets</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Decisions and follow-ups</source>
        <translation>Décisions et actions de suivi</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Linked records</source>
        <translation>Fiches liées</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Follow-up</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Press release</source>
        <translation>Communiqué de presse</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Official document</source>
        <translation>Document officiel</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Data file</source>
        <translation>Fichier de données</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message numerus="yes">
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>… [%Ln more characters not shown]</source>
        <translation>
            <numerusform>… [%Ln caractère de plus non affiché]</numerusform>
            <numerusform>… [%Ln caractères de plus non affichés]</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>No sources.</source>
        <translation>Aucune source.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Add a note…</source>
        <translation>Ajouter une note…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>No notes.</source>
        <translation>Aucune note.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Unknown author</source>
        <translation>Auteur inconnu</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Pinned</source>
        <translation>Épinglée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Resolved</source>
        <translation>Résolue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>edited {time} by {who}</source>
        <translation>modifiée le {time} par {who}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>… and %Ln older notes</source>
        <translation>
            <numerusform>… et %Ln note plus ancienne</numerusform>
            <numerusform>… et %Ln notes plus anciennes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Reopen</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Resolve</source>
        <translation>Résoudre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Unpin</source>
        <translation>Désépingler</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Pin</source>
        <translation>Épingler</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>No changes recorded.</source>
        <translation>Aucune modification enregistrée.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Created</source>
        <translation>Création</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Deleted</source>
        <translation>Suppression</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>open</source>
        <translation>ouvrir</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message numerus="yes">
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>… and %Ln older changes</source>
        <translation>
            <numerusform>… et %Ln modification plus ancienne</numerusform>
            <numerusform>… et %Ln modifications plus anciennes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Show all</source>
        <translation>Tout afficher</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Note: text</source>
        <translation>Note : texte</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Note: kind</source>
        <translation>Note : type</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Note: resolved</source>
        <translation>Note : résolue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Note: pinned</source>
        <translation>Note : épinglée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Note added</source>
        <translation>Note ajoutée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Note deleted</source>
        <translation>Note supprimée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>{time} by {who}</source>
        <translation>{time} par {who}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>not stated</source>
        <translation>non précisé</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>not converted</source>
        <translation>non converti</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>1 EUR = {rate} {currency}</source>
        <translation>1 EUR = {rate} {currency}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>(ECB rate of {date})</source>
        <translation>(taux BCE du {date})</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>No stages yet.</source>
        <translation>Aucune étape pour l’instant.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>date unknown</source>
        <translation>date inconnue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Not discussed in any meeting.</source>
        <translation>N’a été examinée dans aucune réunion.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>… and %Ln more meetings</source>
        <translation>
            <numerusform>… et %Ln autre réunion</numerusform>
            <numerusform>… et %Ln autres réunions</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Record #{id}</source>
        <translation>Fiche n° {id}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Last changed</source>
        <translation>Dernière modification</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>No description.</source>
        <translation>Aucune description.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Linked meetings</source>
        <translation>Réunions liées</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>No participants recorded.</source>
        <translation>Aucun participant enregistré.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>No decisions or follow-ups recorded.</source>
        <translation>Aucune décision ni action de suivi enregistrée.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Open</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>What</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>No linked records.</source>
        <translation>Aucune fiche liée.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>… and %Ln more records</source>
        <translation>
            <numerusform>… et %Ln autre fiche</numerusform>
            <numerusform>… et %Ln autres fiches</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>Meeting #{id}</source>
        <translation>Réunion n° {id}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>No topics recorded.</source>
        <translation>Aucun sujet enregistré.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_html.py"/>
        <source>No minutes.</source>
        <translation>Pas de compte rendu.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/detail_pane.py"/>
        <source>Select an aid record or a meeting to see its details.</source>
        <translation>Sélectionnez une fiche d’aide ou une réunion pour en voir le détail.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../aidviewer/ui/dialogs.py"/>
        <source>aidviewer catalogues (*{suffix});;All files (*)</source>
        <translation>Catalogues aidviewer (*{suffix});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dialogs.py"/>
        <source>Open Catalogue</source>
        <translation>Ouvrir un catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dialogs.py"/>
        <source>New Catalogue</source>
        <translation>Nouveau catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dialogs.py"/>
        <source>Untitled{suffix}</source>
        <translation>Sans titre{suffix}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dialogs.py"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/dialogs.py"/>
        <source>Save your changes before closing?</source>
        <translation>Enregistrer vos modifications avant de fermer ?</translation>
    </message>
</context>
<context>
    <name>DirectoryActions</name>
    <message>
        <location filename="../../aidviewer/ui/directory_actions.py"/>
        <source>New Organisation</source>
        <translation>Nouvelle organisation</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_actions.py"/>
        <source>New Person</source>
        <translation>Nouvelle personne</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_actions.py"/>
        <source>New Source</source>
        <translation>Nouvelle source</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_actions.py"/>
        <source>Select an organisation or a person first.</source>
        <translation>Sélectionnez d’abord une organisation ou une personne.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_actions.py"/>
        <source>Edit Organisation</source>
        <translation>Modifier l’organisation</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_actions.py"/>
        <source>Edit Person</source>
        <translation>Modifier la personne</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_actions.py"/>
        <source>Cannot save the change</source>
        <translation>Impossible d’enregistrer la modification</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_actions.py"/>
        <source>Changed while you were editing</source>
        <translation>Modifié pendant votre saisie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_actions.py"/>
        <source>{who} saved this at {when}, after you opened it. The form shows their version with your changes on top: check it and save.</source>
        <translation>{who} l’a enregistrée le {when}, après que vous l’avez ouverte. Le formulaire montre sa version avec vos modifications par-dessus : vérifiez-la et enregistrez.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_actions.py"/>
        <source>Someone</source>
        <translation>Quelqu’un</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_actions.py"/>
        <source>Deleted. Edit &gt; Undo brings it back.</source>
        <translation>Supprimée. Édition &gt; Annuler la rétablit.</translation>
    </message>
</context>
<context>
    <name>DirectoryPage</name>
    <message>
        <location filename="../../aidviewer/ui/directory_pages.py"/>
        <source>Showing {shown} of {total}</source>
        <translation>{shown} affichées sur {total}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_pages.py"/>
        <source>Filter people by name, role or organisation</source>
        <translation>Filtrer les personnes par nom, rôle ou organisation</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_pages.py"/>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_pages.py"/>
        <source>Filter organisations by name, kind, country or alias</source>
        <translation>Filtrer les organisations par nom, type, pays ou autre nom</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_pages.py"/>
        <source>Organisations</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_pages.py"/>
        <source>Filter tags</source>
        <translation>Filtrer les étiquettes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_pages.py"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Select an aid record or a meeting first.</source>
        <translation>Sélectionnez d’abord une fiche d’aide ou une réunion.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>New Aid Record</source>
        <translation>Nouvelle fiche d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>New Meeting</source>
        <translation>Nouvelle réunion</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Cannot save the change</source>
        <translation>Impossible d’enregistrer la modification</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Edit Aid Record</source>
        <translation>Modifier la fiche d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Edit Meeting</source>
        <translation>Modifier la réunion</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Someone deleted “{title}” while you were editing it. Save what you typed as a new one?</source>
        <translation>Quelqu’un a supprimé « {title} » pendant votre modification. Enregistrer votre saisie comme un nouvel élément ?</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Deleted meanwhile</source>
        <translation>Supprimée entre-temps</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Save as New</source>
        <translation>Enregistrer comme nouvelle</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Cannot put the value back</source>
        <translation>Impossible de rétablir la valeur</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>That value is the one in the file now.</source>
        <translation>C’est déjà la valeur dans le fichier.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Select aid records in the table first (Shift or Ctrl+click).</source>
        <translation>Sélectionnez d’abord des fiches d’aide dans le tableau (Maj ou Ctrl+clic).</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Too many records selected</source>
        <translation>Trop de fiches sélectionnées</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>{n} records are selected; at most {limit} can be edited at once. Narrow the table with a search or filter first.</source>
        <translation>{n} fiches sont sélectionnées ; au plus {limit} peuvent être modifiées à la fois. Réduisez d’abord le tableau avec une recherche ou un filtre.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Cannot read the aid records</source>
        <translation>Impossible de lire les fiches d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>{n} records changed. Edit &gt; Undo changes them all back.</source>
        <translation>{n} fiches modifiées. Édition &gt; Annuler les rétablit toutes.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Select an aid record to duplicate it.</source>
        <translation>Sélectionnez une fiche d’aide pour la dupliquer.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Cannot read the aid record</source>
        <translation>Impossible de lire la fiche d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>{title} (copy)</source>
        <translation>{title} (copie)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Duplicate Aid Record</source>
        <translation>Dupliquer la fiche d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Select an organisation on the Organisations page first.</source>
        <translation>Sélectionnez d’abord une organisation dans la page Organisations.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Merge Organisation</source>
        <translation>Fusionner l’organisation</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Merge “{name}” into:</source>
        <translation>Fusionner « {name} » dans :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Every aid record and person that refers to “{gone}” will refer to “{keep}”, and “{gone}” becomes one of its other names. Edit &gt; Undo splits them again.</source>
        <translation>Chaque fiche d’aide et chaque personne liée à « {gone} » sera liée à « {keep} », et « {gone} » deviendra l’un de ses autres noms. Édition &gt; Annuler les sépare de nouveau.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Merge</source>
        <translation>Fusionner</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Merge “{gone}” into “{keep}”</source>
        <translation>la fusion de « {gone} » dans « {keep} »</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/edit_actions.py"/>
        <source>Deleted. Edit &gt; Undo brings it back with its notes.</source>
        <translation>Supprimée. Édition &gt; Annuler la rétablit avec ses notes.</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <location filename="../../aidviewer/ui/undo.py"/>
        <source>Add Note “{text}”</source>
        <translation>l’ajout de la note « {text} »</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/undo.py"/>
        <source>Edit Note “{text}”</source>
        <translation>la modification de la note « {text} »</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/undo.py"/>
        <source>Delete Note “{text}”</source>
        <translation>la suppression de la note « {text} »</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/undo.py"/>
        <source>Cannot delete the aid record</source>
        <translation>Impossible de supprimer la fiche d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/undo.py"/>
        <source>Cannot delete the meeting</source>
        <translation>Impossible de supprimer la réunion</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/undo.py"/>
        <source>New “{title}”</source>
        <translation>la création de « {title} »</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/undo.py"/>
        <source>Edit “{title}”</source>
        <translation>la modification de « {title} »</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/undo.py"/>
        <source>Delete “{title}”</source>
        <translation>la suppression de « {title} »</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/undo.py"/>
        <source>Edit {n} Records</source>
        <translation>la modification de {n} fiches</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/undo.py"/>
        <source>No catalogue is open.</source>
        <translation>Aucun catalogue n’est ouvert.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/undo.py"/>
        <source>{who} changed this at {when}, after this step: undoing or redoing it would overwrite that.</source>
        <translation>{who} a modifié cet élément le {when}, après cette étape : l’annuler ou la rétablir écraserait cette modification.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/undo.py"/>
        <source>Someone</source>
        <translation>Quelqu’un</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../aidviewer/ui/empty_state.py"/>
        <source>No catalogue is open</source>
        <translation>Aucun catalogue n’est ouvert</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/empty_state.py"/>
        <source>Create a new catalogue, or open one you already have.</source>
        <translation>Créez un nouveau catalogue ou ouvrez-en un que vous avez déjà.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/empty_state.py"/>
        <source>New Catalogue…</source>
        <translation>Nouveau catalogue…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/empty_state.py"/>
        <source>Open Catalogue…</source>
        <translation>Ouvrir un catalogue…</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Search titles, descriptions, notes and minutes</source>
        <translation>Rechercher dans les titres, descriptions, notes et comptes rendus</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Search meeting titles, topics, minutes and notes</source>
        <translation>Rechercher dans les titres, sujets, comptes rendus et notes des réunions</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Filter</source>
        <translation>Filtrer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Add a filter</source>
        <translation>Ajouter un filtre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Clear all</source>
        <translation>Tout effacer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Donor…</source>
        <translation>Donateur…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Recipient…</source>
        <translation>Bénéficiaire…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Category…</source>
        <translation>Catégorie…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Tag…</source>
        <translation>Étiquette…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Date range…</source>
        <translation>Période…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Value range…</source>
        <translation>Fourchette de valeur…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Aid type</source>
        <translation>Type d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Donors</source>
        <translation>Donateurs</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Recipients</source>
        <translation>Bénéficiaires</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Categories</source>
        <translation>Catégories</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Donor</source>
        <translation>Donateur</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Recipient</source>
        <translation>Bénéficiaire</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Type: {name}</source>
        <translation>Type : {name}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Stage: {name}</source>
        <translation>Étape : {name}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Tag: {name}</source>
        <translation>Étiquette : {name}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <location filename="../../aidviewer/ui/help_actions.py"/>
        <source>Checking “{name}”…</source>
        <translation>Vérification de « {name} »…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/help_actions.py"/>
        <source>“{name}” has {n} problems.</source>
        <translation>« {name} » présente {n} problèmes.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/help_actions.py"/>
        <source>Cannot check the catalogue</source>
        <translation>Impossible de vérifier le catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/help_actions.py"/>
        <source>Catalogue checked</source>
        <translation>Catalogue vérifié</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/help_actions.py"/>
        <source>“{name}” is sound: {records} records, {meetings} meetings, every link and index in order.</source>
        <translation>« {name} » est intact : {records} fiches, {meetings} réunions, tous les liens et index en ordre.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/help_actions.py"/>
        <source>The catalogue is damaged</source>
        <translation>Le catalogue est endommagé</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/help_actions.py"/>
        <source>“{name}” has {n} problems; restore it from a backup (File &gt; Restore from Backup…).

{problems}</source>
        <translation>« {name} » a {n} problèmes ; restaurez-le à partir d’une sauvegarde (Fichier &gt; Restaurer une sauvegarde…).

{problems}</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Item</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Aid type</source>
        <translation>Type d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Donor</source>
        <translation>Donateur</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Recipient</source>
        <translation>Bénéficiaire</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Implementer</source>
        <translation>Partenaire d’exécution</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Minutes</source>
        <translation>Compte rendu</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
</context>
<context>
    <name>HistoryValueDialog</name>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Earlier Value</source>
        <translation>Valeur précédente</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>{field}, changed by {who} at {when}</source>
        <translation>{field}, modifié par {who} le {when}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>someone</source>
        <translation>quelqu’un</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>&amp;Copy Earlier Value</source>
        <translation>&amp;Copier la valeur précédente</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>&amp;Put Back Earlier Value</source>
        <translation>&amp;Rétablir la valeur précédente</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>This change can be made again in the form; copy the value from here.</source>
        <translation>Cette modification peut être refaite dans le formulaire ; copiez la valeur d’ici.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/history_dialog.py"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Would import {imported} records, update {updated}, leave {unchanged} as they are; {skipped} rows skipped, {warnings} warnings.</source>
        <translation>Importerait {imported} fiches, en mettrait à jour {updated}, en laisserait {unchanged} telles quelles ; {skipped} lignes ignorées, {warnings} avertissements.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Imported {imported} records, updated {updated}, left {unchanged} as they were; {skipped} rows skipped, {warnings} warnings.</source>
        <translation>{imported} fiches importées, {updated} mises à jour, {unchanged} laissées telles quelles ; {skipped} lignes ignorées, {warnings} avertissements.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>New organisations: {names}</source>
        <translation>Nouvelles organisations : {names}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>New categories: {names}</source>
        <translation>Nouvelles catégories : {names}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Line {line} skipped: {why}</source>
        <translation>Ligne {line} ignorée : {why}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Line {line}: {what}</source>
        <translation>Ligne {line} : {what}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>CSV table</source>
        <translation>Tableau CSV</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Excel workbook (XLSX)</source>
        <translation>Classeur Excel (XLSX)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>IATI activity XML</source>
        <translation>XML d’activités IATI</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Kiel Ukraine Support Tracker (CSV)</source>
        <translation>Kiel Ukraine Support Tracker (CSV)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>OCHA FTS flows (CSV or JSON)</source>
        <translation>Flux FTS d’OCHA (CSV ou JSON)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>aidviewer catalogue (JSON), into a new file</source>
        <translation>Catalogue aidviewer (JSON), dans un nouveau fichier</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>“{name}” could not be read: {why}.</source>
        <translation>« {name} » n’a pas pu être lu : {why}.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>“{name}” is not in the encoding chosen: {why}.</source>
        <translation>« {name} » n’est pas dans l’encodage choisi : {why}.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>“{name}” could not be read ({what}).</source>
        <translation>« {name} » n’a pas pu être lu ({what}).</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>An unexpected error stopped the import ({what}).</source>
        <translation>Une erreur inattendue a interrompu l’importation ({what}).</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Would make</source>
        <translation>Créerait</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Made</source>
        <translation>A créé</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>{head} “{name}” with {what}.</source>
        <translation>{head} « {name} » avec {what}.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Choose the file</source>
        <translation>Choisir le fichier</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>A table (CSV or XLSX), an IATI file, the Kiel Support Tracker, OCHA FTS flows, or a catalogue exported as JSON.</source>
        <translation>Un tableau (CSV ou XLSX), un fichier IATI, le Kiel Support Tracker, des flux FTS d’OCHA ou un catalogue exporté en JSON.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>File to import</source>
        <translation>Fichier à importer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Data files (*.csv *.tsv *.txt *.xlsx *.xml *.json);;All files (*)</source>
        <translation>Fichiers de données (*.csv *.tsv *.txt *.xlsx *.xml *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Match the columns</source>
        <translation>Faire correspondre les colonnes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Choose the field each column holds; columns left at “(ignore)” are not imported. The first rows of the file are shown.</source>
        <translation>Choisissez le champ de chaque colonne ; les colonnes laissées sur « (ignorer) » ne sont pas importées. Les premières lignes du fichier sont affichées.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Encoding</source>
        <translation>Encodage</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Detect</source>
        <translation>Détecter</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Delimiter</source>
        <translation>Séparateur</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Tab</source>
        <translation>Tabulation</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>The first rows of the file, and each column's field</source>
        <translation>Les premières lignes du fichier et le champ de chaque colonne</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Encoding:</source>
        <translation>Encodage :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Delimiter:</source>
        <translation>Séparateur :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Detect ({found})</source>
        <translation>Détecter ({found})</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Field of column {n}</source>
        <translation>Champ de la colonne {n}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>(ignore)</source>
        <translation>(ignorer)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Each field can come from one column only: {names}.</source>
        <translation>Chaque champ ne peut venir que d’une seule colonne : {names}.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Choose the column that holds each record's title.</source>
        <translation>Choisissez la colonne qui contient le titre de chaque fiche.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>The whole file is read and checked; nothing is saved yet.</source>
        <translation>Tout le fichier est lu et vérifié ; rien n’est encore enregistré.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Everything is saved in one step, or nothing.</source>
        <translation>Tout est enregistré en une seule fois, ou rien.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>What the import did</source>
        <translation>Ce que l’importation a fait</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>What the import will do</source>
        <translation>Ce que l’importation fera</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Cancelled: nothing was imported.</source>
        <translation>Annulé : rien n’a été importé.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>Nothing was imported: {why}</source>
        <translation>Rien n’a été importé : {why}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Suivant &gt;</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>New Catalogue from JSON</source>
        <translation>Nouveau catalogue à partir de JSON</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/import_wizard.py"/>
        <source>aidviewer catalogues (*.aidb)</source>
        <translation>Catalogues aidviewer (*.aidb)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../aidviewer/models/labels.py"/>
        <source>Military</source>
        <translation>Militaire</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/labels.py"/>
        <source>Humanitarian</source>
        <translation>Humanitaire</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/labels.py"/>
        <source>Financial</source>
        <translation>Financière</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/labels.py"/>
        <source>Announced</source>
        <translation>Annoncée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/labels.py"/>
        <source>Committed</source>
        <translation>Engagée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/labels.py"/>
        <source>Allocated</source>
        <translation>Allouée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/labels.py"/>
        <source>Delivered</source>
        <translation>Livrée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/labels.py"/>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>&amp;Columns</source>
        <translation>&amp;Colonnes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>Opening “{name}”…</source>
        <translation>Ouverture de « {name} »…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>Cannot open the catalogue</source>
        <translation>Impossible d’ouvrir le catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>Cannot create the catalogue</source>
        <translation>Impossible de créer le catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>Select an aid record or a meeting to write a note on it.</source>
        <translation>Sélectionnez une fiche d’aide ou une réunion pour y écrire une note.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>Cannot read the catalogue</source>
        <translation>Impossible de lire le catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>Waiting for another program to finish saving into “{name}”…</source>
        <translation>En attente de la fin d’un enregistrement par un autre programme dans « {name} »…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>The catalogue is damaged</source>
        <translation>Le catalogue est endommagé</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>The disk keeps refusing to save into “{file}”, so it is shown read-only: check the disk, then open it again. Nothing saved before was lost.</source>
        <translation>Le disque refuse sans cesse d’enregistrer dans « {file} », qui est donc affiché en lecture seule : vérifiez le disque, puis rouvrez-le. Rien de ce qui a été enregistré auparavant n’est perdu.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>{name} [read-only] — aidviewer</source>
        <translation>{name} [lecture seule] — aidviewer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>Read-only: you can browse and print this catalogue, not change it.</source>
        <translation>Lecture seule : vous pouvez consulter et imprimer ce catalogue, mais pas le modifier.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>{name} — aidviewer</source>
        <translation>{name} — aidviewer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>“{file}” is on a network drive ({kind}): if the connection drops while you save, check it (Help &gt; Check Catalogue), and keep its backups on.</source>
        <translation>« {file} » est sur un lecteur réseau ({kind}) : si la connexion est coupée pendant un enregistrement, vérifiez-le (Aide &gt; Vérifier le catalogue) et laissez ses sauvegardes activées.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>{user} on {host}</source>
        <translation>{user} sur {host}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>Also open by {holders}.</source>
        <translation>Également ouvert par {holders}.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>1 record · {total}</source>
        <translation>1 fiche · {total}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>%Ln records · {total}</source>
        <translation>
            <numerusform>%Ln fiche · {total}</numerusform>
            <numerusform>%Ln fiches · {total}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>{shown} of %Ln records · {total}</source>
        <translation>
            <numerusform>{shown} sur %Ln fiche · {total}</numerusform>
            <numerusform>{shown} sur %Ln fiches · {total}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>1 meeting</source>
        <translation>1 réunion</translation>
    </message>
    <message numerus="yes">
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>%Ln meetings</source>
        <translation>
            <numerusform>%Ln réunion</numerusform>
            <numerusform>%Ln réunions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../aidviewer/ui/main_window.py"/>
        <source>{shown} of %Ln meetings</source>
        <translation>
            <numerusform>{shown} sur %Ln réunion</numerusform>
            <numerusform>{shown} sur %Ln réunions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeetingForm</name>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Role in the meeting</source>
        <translation>Rôle dans la réunion</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>one topic a line</source>
        <translation>un sujet par ligne</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Aid records discussed</source>
        <translation>Fiches d’aide examinées</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Search aid records to add…</source>
        <translation>Rechercher des fiches d’aide à ajouter…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Search aid records to add</source>
        <translation>Rechercher des fiches d’aide à ajouter</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Aid records found</source>
        <translation>Fiches d’aide trouvées</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Decision or follow-up</source>
        <translation>Décision ou suivi</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Follow-up</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>(aid record #{id}, no longer there)</source>
        <translation>(fiche d’aide n° {id}, qui n’existe plus)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>&amp;Starts:</source>
        <translation>&amp;Début :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>&amp;Ends:</source>
        <translation>&amp;Fin :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>&amp;Place:</source>
        <translation>&amp;Lieu :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Participants:</source>
        <translation>Participants :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Add Participant</source>
        <translation>Ajouter un participant</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>&amp;Meeting</source>
        <translation>&amp;Réunion</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Topics:</source>
        <translation>Sujets :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Minutes:</source>
        <translation>Compte rendu :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Decisions and follow-ups:</source>
        <translation>Décisions et actions de suivi :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Add Decision or Follow-up</source>
        <translation>Ajouter une décision ou un suivi</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Minutes and &amp;decisions</source>
        <translation>&amp;Compte rendu et décisions</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Aid records discussed:</source>
        <translation>Fiches d’aide examinées :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Remove from the meeting</source>
        <translation>Retirer de la réunion</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Double-click a record found, or press Enter on it, to add it.</source>
        <translation>Double-cliquez sur une fiche trouvée, ou appuyez sur Entrée, pour l’ajouter.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>&amp;Aid records</source>
        <translation>Fiches d’&amp;aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>No one is named “{name}”.</source>
        <translation>Personne ne s’appelle « {name} ».</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>“{date}” is not a date such as 2023-12-01.</source>
        <translation>« {date} » n’est pas une date comme 2023-12-01.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/meeting_form.py"/>
        <source>Cannot save yet: {why}</source>
        <translation>Enregistrement impossible pour l’instant. {why}</translation>
    </message>
</context>
<context>
    <name>MeetingTableModel</name>
    <message>
        <location filename="../../aidviewer/models/meeting_table.py"/>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/meeting_table.py"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/meeting_table.py"/>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/meeting_table.py"/>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/meeting_table.py"/>
        <source>Found in</source>
        <translation>Trouvé dans</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>Navigator</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>The catalogue's pages and saved views; choose one to show it.</source>
        <translation>Les pages du catalogue et les vues enregistrées ; choisissez-en une pour l’afficher.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>Aid records</source>
        <translation>Fiches d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>Meetings</source>
        <translation>Réunions</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>Organisations</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>Saved views</source>
        <translation>Vues enregistrées</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>Searches, filters and columns saved under a name</source>
        <translation>Recherches, filtres et colonnes enregistrés sous un nom</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>{name} (aid records)</source>
        <translation>{name} (fiches d’aide)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>{name} (meetings)</source>
        <translation>{name} (réunions)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/navigator.py"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
</context>
<context>
    <name>NoteActions</name>
    <message>
        <location filename="../../aidviewer/ui/notes.py"/>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/notes.py"/>
        <source>Your name, as your notes and changes will be signed:</source>
        <translation>Votre nom, tel qu’il signera vos notes et vos modifications :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/notes.py"/>
        <source>Resolve Note “{text}”</source>
        <translation>la résolution de la note « {text} »</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/notes.py"/>
        <source>Reopen Note “{text}”</source>
        <translation>la réouverture de la note « {text} »</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/notes.py"/>
        <source>Pin Note “{text}”</source>
        <translation>l’épinglage de la note « {text} »</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/notes.py"/>
        <source>Unpin Note “{text}”</source>
        <translation>le désépinglage de la note « {text} »</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../aidviewer/ui/note_dialog.py"/>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/note_dialog.py"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/note_dialog.py"/>
        <source>Follow-up</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/note_dialog.py"/>
        <source>New Note</source>
        <translation>Nouvelle note</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/note_dialog.py"/>
        <source>Edit Note</source>
        <translation>Modifier la note</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/note_dialog.py"/>
        <source>Text of the note</source>
        <translation>Texte de la note</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/note_dialog.py"/>
        <source>&amp;Pinned: shown above the other notes</source>
        <translation>É&amp;pinglée : affichée au-dessus des autres notes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/note_dialog.py"/>
        <source>&amp;Resolved</source>
        <translation>&amp;Résolue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/note_dialog.py"/>
        <source>&amp;Text:</source>
        <translation>&amp;Texte :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/note_dialog.py"/>
        <source>&amp;Kind:</source>
        <translation>T&amp;ype :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/note_dialog.py"/>
        <source>Write the note to save it.</source>
        <translation>Écrivez la note pour l’enregistrer.</translation>
    </message>
</context>
<context>
    <name>OrganisationForm</name>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>code or name, such as CZ or Czechia</source>
        <translation>code ou nom, comme CZ ou Tchéquie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>such as XM-DAC-41114</source>
        <translation>comme XM-DAC-41114</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>One a line, such as Czech Republic</source>
        <translation>Un par ligne, comme République tchèque</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>Co&amp;untry:</source>
        <translation>&amp;Pays :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;IATI identifier:</source>
        <translation>Identifiant &amp;IATI :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;Other names:</source>
        <translation>&amp;Autres noms :</translation>
    </message>
</context>
<context>
    <name>OrganisationsModel</name>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Government</source>
        <translation>Gouvernement</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Ministry</source>
        <translation>Ministère</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Armed forces</source>
        <translation>Forces armées</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>International organisation</source>
        <translation>Organisation internationale</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>NGO</source>
        <translation>ONG</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Also known as</source>
        <translation>Autres noms</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>such as Minister of National Defence</source>
        <translation>comme ministre de la Défense nationale</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;Role:</source>
        <translation>&amp;Rôle :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisation :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>No organisation is named “{name}”.</source>
        <translation>Aucune organisation ne s’appelle « {name} ».</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Follow the system</source>
        <translation>Suivre le système</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Your name, as notes and history show it</source>
        <translation>Votre nom, tel que les notes et l’historique l’affichent</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Page size of reports</source>
        <translation>Format de page des rapports</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Beside each catalogue</source>
        <translation>À côté de chaque catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Backup folder</source>
        <translation>Dossier des sauvegardes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>&amp;Choose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source> recent, besides daily, weekly and monthly ones</source>
        <translation> récentes, en plus des quotidiennes, hebdomadaires et mensuelles</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Backups kept</source>
        <translation>Sauvegardes conservées</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Start with the catalogue I had open &amp;last</source>
        <translation>Ouvrir au démarrage le &amp;dernier catalogue utilisé</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Your &amp;name:</source>
        <translation>Votre &amp;nom :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Report &amp;page:</source>
        <translation>&amp;Page des rapports :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>A new language is used from the next start.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>&amp;Backups in:</source>
        <translation>&amp;Sauvegardes dans :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>&amp;Keep:</source>
        <translation>&amp;Conserver :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Backup Folder</source>
        <translation>Dossier des sauvegardes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/preferences.py"/>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <location filename="../../aidviewer/ui/recent_menu.py"/>
        <source>Open &amp;Recent</source>
        <translation>Catalogues &amp;récents</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/recent_menu.py"/>
        <source>{path} (not found)</source>
        <translation>{path} (introuvable)</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>My own rate:</source>
        <translation>Mon propre taux :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>units per euro</source>
        <translation>unités pour un euro</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>My own rate, in units per euro</source>
        <translation>Mon propre taux, en unités pour un euro</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>separated by commas</source>
        <translation>séparées par des virgules</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>As precise as the source: 2023-11-10, 2023-11 or 2023; empty if unknown</source>
        <translation>Aussi précise que la source : 2023-11-10, 2023-11 ou 2023 ; vide si inconnue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Description:</source>
        <translation>Description :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>&amp;Donor:</source>
        <translation>D&amp;onateur :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>&amp;Recipient:</source>
        <translation>&amp;Bénéficiaire :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>&amp;Implementer:</source>
        <translation>Partenaire d’e&amp;xécution :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Aid t&amp;ype:</source>
        <translation>T&amp;ype d’aide :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>&amp;Category:</source>
        <translation>&amp;Catégorie :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>It&amp;em:</source>
        <translation>Ob&amp;jet :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Unit:</source>
        <translation>Unité :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>&amp;Quantity:</source>
        <translation>&amp;Quantité :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>&amp;Amount:</source>
        <translation>&amp;Montant :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Ta&amp;gs:</source>
        <translation>Étiq&amp;uettes :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Add Stage</source>
        <translation>Ajouter une étape</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Remove Stage</source>
        <translation>Retirer l’étape</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>&amp;Stages:</source>
        <translation>Éta&amp;pes :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>New Source…</source>
        <translation>Nouvelle source…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Sources:</source>
        <translation>Sources :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>New…</source>
        <translation>Nouvelle…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>New organisation…</source>
        <translation>Nouvelle organisation…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>New organisation</source>
        <translation>Nouvelle organisation</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>No organisation is named “{name}”.</source>
        <translation>Aucune organisation ne s’appelle « {name} ».</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Write a whole number, such as 1,500.</source>
        <translation>Saisissez un nombre entier, comme 1 500.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>“{date}” is not a date such as 2023-11-10, 2023-11 or 2023.</source>
        <translation>« {date} » n’est pas une date comme 2023-11-10, 2023-11 ou 2023.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>A stage's quantity must be a whole number.</source>
        <translation>La quantité d’une étape doit être un nombre entier.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>“{code}” is not an ISO 4217 currency code.</source>
        <translation>« {code} » n’est pas un code de devise ISO 4217.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>A stage's amount must be a number such as 1,500.50, with {n} decimals at most.</source>
        <translation>Le montant d’une étape doit être un nombre comme 1 500,50, avec au plus {n} décimales.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Write an amount such as 1,500.50, with {n} decimals at most.</source>
        <translation>Saisissez un montant comme 1 500,50, avec au plus {n} décimales.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>A rate is a number of {code} to the euro.</source>
        <translation>Un taux est un nombre de {code} pour un euro.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>No ECB rate for {code} on the record's date: give your own rate.</source>
        <translation>Pas de taux BCE pour {code} à la date de la fiche : indiquez votre propre taux.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>= {euros} at {rate} {code} to the euro (ECB, {day})</source>
        <translation>= {euros} à {rate} {code} pour un euro (BCE, {day})</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>= {euros} at your rate of {rate} {code} to the euro</source>
        <translation>= {euros} à votre taux de {rate} {code} pour un euro</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/record_form.py"/>
        <source>Cannot save yet: {why}</source>
        <translation>Enregistrement impossible pour l’instant. {why}</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../../aidviewer/models/record_table.py"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/record_table.py"/>
        <source>Donor</source>
        <translation>Donateur</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/record_table.py"/>
        <source>Recipient</source>
        <translation>Bénéficiaire</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/record_table.py"/>
        <source>Aid type</source>
        <translation>Type d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/record_table.py"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/record_table.py"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/record_table.py"/>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/record_table.py"/>
        <source>Value (EUR)</source>
        <translation>Valeur (EUR)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/record_table.py"/>
        <source>Announced</source>
        <translation>Annonce</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/record_table.py"/>
        <source>Delivered</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/record_table.py"/>
        <source>Found in</source>
        <translation>Trouvé dans</translation>
    </message>
    <message>
        <location filename="../../aidviewer/models/record_table.py"/>
        <source>Write a whole number, such as 1,500.</source>
        <translation>Saisissez un nombre entier, comme 1 500.</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>&amp;Export PDF…</source>
        <translation>&amp;Exporter en PDF…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>Pre&amp;view</source>
        <translation>&amp;Aperçu</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>A report is being made</source>
        <translation>Un rapport est en cours de création</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>Wait for the report being made to finish, or cancel it.</source>
        <translation>Attendez la fin du rapport en cours, ou annulez-le.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>Reading the catalogue…</source>
        <translation>Lecture du catalogue…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>Cannot make the report</source>
        <translation>Impossible de créer le rapport</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>Laying out the pages…</source>
        <translation>Mise en page…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>Writing {name}…</source>
        <translation>Écriture de {name}…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>Saved “{name}”, {pages} pages.</source>
        <translation>« {name} » enregistré, {pages} pages.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>Cannot save the report</source>
        <translation>Impossible d’enregistrer le rapport</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>“{name}” could not be written: {why}. Nothing was saved.</source>
        <translation>« {name} » n’a pas pu être écrit : {why}. Rien n’a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>Printing…</source>
        <translation>Impression…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>Export PDF</source>
        <translation>Exporter en PDF</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_actions.py"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>From</source>
        <translation>Date de début</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>To</source>
        <translation>Date de fin</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>Portrait</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>Landscape</source>
        <translation>Paysage</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>Include &amp;notes</source>
        <translation>Inclure les &amp;notes</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>Include each record's &amp;history</source>
        <translation>Inclure l’&amp;historique de chaque fiche</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>such as INTERNAL; printed on every page</source>
        <translation>comme INTERNE ; imprimée sur chaque page</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>&amp;Report:</source>
        <translation>&amp;Rapport :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>Covering:</source>
        <translation>Périmètre :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>&amp;Period:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>Pa&amp;ge:</source>
        <translation>Pa&amp;ge :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>&amp;Marking:</source>
        <translation>&amp;Mention :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>meetings</source>
        <translation>réunions</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>records</source>
        <translation>fiches</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>The selected meeting</source>
        <translation>La réunion sélectionnée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>The selected record</source>
        <translation>La fiche sélectionnée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>The {n} selected {what}</source>
        <translation>Les {n} {what} sélectionnées</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>The {what} the table shows, with its search and filters</source>
        <translation>Les {what} affichées dans le tableau, avec sa recherche et ses filtres</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>Every meeting in the catalogue</source>
        <translation>Toutes les réunions du catalogue</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/report_dialog.py"/>
        <source>Every record in the catalogue</source>
        <translation>Toutes les fiches du catalogue</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>Aid summary</source>
        <translation>Synthèse de l’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>Aid records</source>
        <translation>Fiches d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>Aid record sheet</source>
        <translation>Fiche d’aide détaillée</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>Meeting minutes</source>
        <translation>Comptes rendus de réunion</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>Briefing</source>
        <translation>Note d’information</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>{n} chosen</source>
        <translation>{n} choisies</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>search “{text}”</source>
        <translation>recherche « {text} »</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>donor {names}</source>
        <translation>donateur {names}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>recipient {names}</source>
        <translation>bénéficiaire {names}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>category {names}</source>
        <translation>catégorie {names}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>aid type {names}</source>
        <translation>type d’aide {names}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>stage {names}</source>
        <translation>étape {names}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>tagged {names}</source>
        <translation>étiquette {names}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>a stage dated {start} to {end}</source>
        <translation>une étape datée du {start} au {end}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>value in a chosen range</source>
        <translation>valeur dans une fourchette choisie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <location filename="../../resources/reports/base.html.j2"/>
        <source>Made {when} by {who}</source>
        <translation>Établi le {when} par {who}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/printing/build.py"/>
        <source>Page {page} of {pages}</source>
        <translation>Page {page} sur {pages}</translation>
    </message>
    <message>
        <location filename="../../aidviewer/reports/render.py"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/reports/render.py"/>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>Donor</source>
        <translation>Donateur</translation>
    </message>
    <message>
        <location filename="../../aidviewer/reports/render.py"/>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Recipient</source>
        <translation>Bénéficiaire</translation>
    </message>
    <message>
        <location filename="../../aidviewer/reports/render.py"/>
        <source>Aid type</source>
        <translation>Type d’aide</translation>
    </message>
    <message>
        <location filename="../../aidviewer/reports/render.py"/>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../aidviewer/reports/render.py"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../aidviewer/reports/render.py"/>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../aidviewer/reports/render.py"/>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>Value (EUR)</source>
        <translation>Valeur (EUR)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/reports/render.py"/>
        <source>Announced</source>
        <translation>Annonce</translation>
    </message>
    <message>
        <location filename="../../aidviewer/reports/render.py"/>
        <source>Delivered</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <location filename="../../resources/reports/base.html.j2"/>
        <source>Showing</source>
        <translation>Périmètre</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>From {start} to {end}</source>
        <translation>Période : {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>the beginning</source>
        <translation>début</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>today</source>
        <translation>aujourd’hui</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>Meetings held</source>
        <translation>Réunions tenues</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>Meeting</source>
        <translation>Réunion</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>Decisions</source>
        <translation>Décisions</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>No meetings in this period.</source>
        <translation>Aucune réunion pendant cette période.</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>Aid that changed stage</source>
        <translation>Aide ayant changé d’étape</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>Aid record</source>
        <translation>Fiche d’aide</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>No aid changed stage in this period.</source>
        <translation>Aucune aide n’a changé d’étape pendant cette période.</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>Open follow-ups</source>
        <translation>Actions de suivi en cours</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>Follow-up</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>Agreed at</source>
        <translation>Réunion d’origine</translation>
    </message>
    <message>
        <location filename="../../resources/reports/briefing.html.j2"/>
        <source>No open follow-ups.</source>
        <translation>Aucune action de suivi en cours.</translation>
    </message>
    <message>
        <location filename="../../resources/reports/list.html.j2"/>
        <source>{count} aid records, worth {total} in all</source>
        <translation>{count} fiches d’aide, pour une valeur totale de {total}</translation>
    </message>
    <message>
        <location filename="../../resources/reports/list.html.j2"/>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>What</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>None recorded.</source>
        <translation>Aucun participant enregistré.</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>Topics</source>
        <translation>Sujets</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>Minutes</source>
        <translation>Compte rendu</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>No minutes written.</source>
        <translation>Aucun compte rendu rédigé.</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>Follow-ups</source>
        <translation>Actions de suivi</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>Aid discussed</source>
        <translation>Aide examinée</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <source>None.</source>
        <translation>Aucune.</translation>
    </message>
    <message>
        <location filename="../../resources/reports/minutes.html.j2"/>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Pinned</source>
        <translation>Épinglée</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Resolved</source>
        <translation>Résolue</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>(no stage)</source>
        <translation>(aucune étape)</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Record #{id}</source>
        <translation>Fiche n° {id}</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Implementer</source>
        <translation>Partenaire d’exécution</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Item</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Last changed</source>
        <translation>Dernière modification</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>{time} by {who}</source>
        <translation>{time} par {who}</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Stages</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>No stages recorded.</source>
        <translation>Aucune étape enregistrée.</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>No sources.</source>
        <translation>Aucune source.</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>No notes.</source>
        <translation>Aucune note.</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location filename="../../resources/reports/sheet.html.j2"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>Records</source>
        <translation>Fiches</translation>
    </message>
    <message>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>in total, over {records} aid records, {valued} of them with a value in euros</source>
        <translation>au total, sur {records} fiches d’aide, dont {valued} avec une valeur en euros</translation>
    </message>
    <message>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>(date not known)</source>
        <translation>(date inconnue)</translation>
    </message>
    <message>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>By donor</source>
        <translation>Par donateur</translation>
    </message>
    <message>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>By category</source>
        <translation>Par catégorie</translation>
    </message>
    <message>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>By stage reached</source>
        <translation>Par étape atteinte</translation>
    </message>
    <message>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>Timeline: by month announced</source>
        <translation>Chronologie : par mois d’annonce</translation>
    </message>
    <message>
        <location filename="../../resources/reports/summary.html.j2"/>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <location filename="../../aidviewer/editing/directory_rules.py"/>
        <source>An organisation needs a name.</source>
        <translation>Une organisation doit avoir un nom.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/directory_rules.py"/>
        <source>“{alias}” is this organisation's own name, not another name.</source>
        <translation>« {alias} » est le nom même de cette organisation, pas un autre nom.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/directory_rules.py"/>
        <source>“{code}” is not an ISO 3166-1 country code such as CZ.</source>
        <translation>« {code} » n’est pas un code de pays ISO 3166-1 comme CZ.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/directory_rules.py"/>
        <source>Another organisation is already named “{owner}”.</source>
        <translation>Une autre organisation s’appelle déjà « {owner} ».</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/directory_rules.py"/>
        <source>“{text}” is already another name of “{owner}”.</source>
        <translation>« {text} » est déjà un autre nom de « {owner} ».</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/directory_rules.py"/>
        <source>A person needs a name.</source>
        <translation>Une personne doit avoir un nom.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/directory_rules.py"/>
        <source>A source needs a title.</source>
        <translation>Une source doit avoir un titre.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/directory_rules.py"/>
        <source>A web address starts with http:// or https://, such as https://kam.lt.</source>
        <translation>Une adresse web commence par http:// ou https://, comme https://kam.lt.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>An aid record needs a title.</source>
        <translation>Une fiche d’aide doit avoir un titre.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>A quantity cannot be negative.</source>
        <translation>Une quantité ne peut pas être négative.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>That quantity is too large to be real.</source>
        <translation>Cette quantité est trop grande pour être réelle.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>That amount is too large to be real.</source>
        <translation>Ce montant est trop grand pour être réel.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>A rate is a number of units to the euro, above 0.</source>
        <translation>Un taux est un nombre d’unités pour un euro, supérieur à 0.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>“{code}” is not an ISO 4217 currency code.</source>
        <translation>« {code} » n’est pas un code de devise ISO 4217.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>A stage's quantity cannot be negative.</source>
        <translation>La quantité d’une étape ne peut pas être négative.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>{later} on {later_date} is before {earlier} on {earlier_date}.</source>
        <translation>L’étape {later} du {later_date} est antérieure à l’étape {earlier} du {earlier_date}.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>A meeting needs a title.</source>
        <translation>Une réunion doit avoir un titre.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>A meeting needs a start date.</source>
        <translation>Une réunion doit avoir une date de début.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>A meeting cannot end before it starts.</source>
        <translation>Une réunion ne peut pas finir avant de commencer.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>A decision or follow-up needs a text.</source>
        <translation>Une décision ou un suivi doit avoir un texte.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/editing/rules.py"/>
        <source>“{text}” is not a date such as 2023-11-10 or 2023-11-10T14:30.</source>
        <translation>« {text} » n’est pas une date comme 2023-11-10 ou 2023-11-10T14:30.</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <location filename="../../aidviewer/ui/filter_bar.py"/>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
</context>
<context>
    <name>SourceForm</name>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>Source File</source>
        <translation>Fichier source</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>2023-11-10, 2023-11 or 2023</source>
        <translation>2023-11-10, 2023-11 ou 2023</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;Kind:</source>
        <translation>T&amp;ype :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;Publisher:</source>
        <translation>Éditeu&amp;r :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;Date published:</source>
        <translation>&amp;Date de publication :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;Web address:</source>
        <translation>Adresse &amp;web :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>Press release</source>
        <translation>Communiqué de presse</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>Official document</source>
        <translation>Document officiel</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>Data file</source>
        <translation>Fichier de données</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>“{date}” is not a date such as 2023-11-10, 2023-11 or 2023.</source>
        <translation>« {date} » n’est pas une date comme 2023-11-10, 2023-11 ou 2023.</translation>
    </message>
</context>
<context>
    <name>TagsModel</name>
    <message>
        <location filename="../../aidviewer/models/directory.py"/>
        <source>Tag</source>
        <translation>Étiquette</translation>
    </message>
</context>
<context>
    <name>ValueRangeDialog</name>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>Value range (EUR)</source>
        <translation>Fourchette de valeur (EUR)</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>any</source>
        <translation>indifférent</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>At least</source>
        <translation>Au moins</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>At most</source>
        <translation>Au plus</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>Write an amount such as {example}.</source>
        <translation>Saisissez un montant comme {example}.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>Give a lowest value, a highest value, or both.</source>
        <translation>Indiquez une valeur minimale, une valeur maximale, ou les deux.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/filter_dialogs.py"/>
        <source>The highest value is below the lowest.</source>
        <translation>La valeur maximale est inférieure à la valeur minimale.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../../aidviewer/ui/welcome.py"/>
        <source>Welcome to aidviewer</source>
        <translation>Bienvenue dans aidviewer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/welcome.py"/>
        <source>Your catalogue is ready, with a sample in it: Lithuania's military aid to Ukraine, as the Lithuanian Ministry of National Defence reported it on 10 November 2023, with the meetings where it was discussed. Look around: every change you make can be undone, and your catalogue is backed up by itself.

When you are ready, start an empty catalogue of your own, or bring your data in from a spreadsheet, an IATI file, the Kiel Support Tracker or OCHA FTS.</source>
        <translation>Votre catalogue est prêt, avec un exemple : l’aide militaire de la Lituanie à l’Ukraine, telle que le ministère lituanien de la Défense nationale l’a annoncée le 10 novembre 2023, avec les réunions où elle a été examinée. Explorez à votre guise : chaque modification peut être annulée, et votre catalogue est sauvegardé automatiquement.

Quand vous le souhaiterez, commencez votre propre catalogue vide, ou importez vos données depuis un tableur, un fichier IATI, le Kiel Support Tracker ou le FTS d’OCHA.</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/welcome.py"/>
        <source>&amp;Explore the Sample</source>
        <translation>&amp;Explorer l’exemple</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/welcome.py"/>
        <source>&amp;Start an Empty Catalogue…</source>
        <translation>&amp;Commencer un catalogue vide…</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/welcome.py"/>
        <source>&amp;Import a File…</source>
        <translation>&amp;Importer un fichier…</translation>
    </message>
</context>
<context>
    <name>_DirectoryForm</name>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../aidviewer/ui/directory_forms.py"/>
        <source>Cannot save yet: {why}</source>
        <translation>Enregistrement impossible pour l’instant. {why}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../aidviewer/app.py"/>
        <source>Cannot open the catalogue</source>
        <translation>Impossible d’ouvrir le catalogue</translation>
    </message>
</context>
<context>
    <name>background</name>
    <message>
        <location filename="../../aidviewer/ui/background.py"/>
        <source>Please wait</source>
        <translation>Veuillez patienter</translation>
    </message>
</context>
</TS>
